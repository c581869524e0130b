"""E-mail from the feedback workflows: notifications to staff and replies to patrons.

Mail leaves after the change that causes it is saved (a rolled-back change sends nothing),
through Django's tasks API and its configured mail backend (the console in development).
A subject never carries a patron's name or words: "Complaint #12 at Main: escalated"."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task

from staff import roles


@task
def send_email(subject: str, body: str, to: list[str]) -> None:
    EmailMessage(subject=subject, body=body, to=to).send()


def email_after_commit(*, subject: str, body: str, to: list[str]) -> None:
    """Send once the current transaction commits; nothing when there is nobody to send to."""
    recipients = sorted({address for address in to if address})
    if recipients:
        transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=recipients))


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


def template_subject(template, **values: str) -> str:
    """A reply's subject: never the patron's name, even if someone put {name} in it."""
    return " ".join(fill(template.subject, **{**values, "name": ""}).split())


def site_url(path: str) -> str:
    """A page of the app as a link staff can open from an e-mail."""
    return f"{settings.SITE_URL.rstrip('/')}{path}"
