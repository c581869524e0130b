"""E-mail from the feedback workflows: notifications to staff and replies to patrons.

Mail leaves after the change that causes it is saved (a rolled-back change sends nothing),
through the outbox (outbox/services.py): queued with the change, sent by the worker.
A subject never carries a patron's name or words: "Complaint #12 at Main: escalated"."""

from django.conf import settings
from django.contrib.auth import get_user_model

from feedback.models import ReplyTemplate
from servicedesk.lib import shared_cache
from outbox.models import Message
from outbox.services import email_after_commit  # noqa: F401  (feedback's services send through it)
from staff import roles
from staff.models import Branch, LibrarySettings

REPLY_TEMPLATES_CACHE_GROUP = "reply-templates"
# Whom a message is to, as the outbox shows it (its page never shows a letter's words).
PATRON, STAFF = Message.Role.PATRON, Message.Role.STAFF


def directors():
    """The active Directors, who hear of escalations, appeals and decisions to make."""
    return get_user_model().objects.filter(is_active=True, groups__name=roles.DIRECTOR).distinct()


def staff_emails(users) -> list[str]:
    return [user.email for user in users if user.email and user.is_active]


def fill(text: str, **values: str) -> str:
    """A reply template (feedback.models.ReplyTemplate) with its placeholders filled:
    `fill("Dear {name},", name="Ann")`. Anything else in braces stays as written."""
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


def reply_template(kind: str) -> ReplyTemplate:
    """The library's template of one kind of reply. The same for everyone and drafted from on
    every complaint and review page, so all of them are cached, one query, until one is saved
    (servicedesk/lib/shared_cache.py, feedback/apps.py)."""
    templates = shared_cache.cached(
        REPLY_TEMPLATES_CACHE_GROUP, "all", lambda: {template.kind: template for template in ReplyTemplate.objects.all()}
    )
    return templates[kind]


def template_subject(template, **values: str) -> str:
    """A reply's subject: never the patron's name, even if someone put {name} in it."""
    return " ".join(fill(template.subject, **{**values, "name": ""}).split())


def site_url(path: str) -> str:
    """A page of the app as a link staff can open from an e-mail."""
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def signature(by, branch: Branch) -> str:
    """How a letter to a patron is signed: the sender's name and job title, the branch's full
    name and the library's, as kept in the app (staff/models.py), never the short name
    ("Main") staff know the branch by."""
    profile = getattr(by, "profile", None)
    library = LibrarySettings.current().library_name
    lines = [by.get_full_name() or by.username, profile.job_title if profile else "", branch.letter_name]
    return "\n".join([line for line in lines if line] + ([library] if library != branch.letter_name else []))


def signed(body: str, *, by, branch: Branch) -> str:
    """A letter as the patron receives it: what staff wrote, then the signature."""
    return f"{body.rstrip()}\n\n{signature(by, branch)}"
