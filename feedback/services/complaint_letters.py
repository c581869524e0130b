"""What the patron is told about their complaint (drafted from the library's editable
templates, sent to the contact they gave), and what staff are told by e-mail. Subjects carry a
reference and a branch, never a name or the patron's words."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse

from feedback.models import Complaint, ReplyTemplate
from feedback.services import letter_rules
from feedback.services.notify import STAFF, email_after_commit, fill, reply_template, site_url, staff_emails, template_subject
from staff import roles
from staff.access import is_director

# The reply templates a complaint's response starts from (feedback/migrations/0002).
REPLY_KINDS = (ReplyTemplate.Kind.COMPLAINT_ACKNOWLEDGE, ReplyTemplate.Kind.COMPLAINT_RESPONSE)


def reply_email(complaint: Complaint) -> str:
    return complaint.contact_email or (complaint.patron.email if complaint.patron else "")


def patron_name(complaint: Complaint) -> str:
    return complaint.contact_name or (complaint.patron.full_name if complaint.patron else "")


def patron_phone(complaint: Complaint) -> str:
    return complaint.contact_phone or (complaint.patron.phone if complaint.patron else "")


def postal_address(complaint: Complaint) -> str:
    return complaint.contact_address or (complaint.patron.address if complaint.patron else "")


def _values(complaint: Complaint) -> dict:
    return {"name": patron_name(complaint) or "Madam or Sir", "reference": complaint.reference, "branch": complaint.branch.letter_name}


def fill_in(text: str, complaint: Complaint) -> str:
    """A reply template's placeholders, filled in for this complaint."""
    return fill(text, **_values(complaint))


def reply_subject(complaint: Complaint, kind: str) -> str:
    return template_subject(reply_template(kind), **_values(complaint))


def next_step(complaint: Complaint, *, by: User) -> str:
    """What the patron may do after this response, by who sends it and at which step: a
    supervisor's answer may be referred to the Director; the Director's own answer, or one
    giving the Director's decision, is final (letter_rules.py)."""
    if is_director(by):
        return letter_rules.DIRECTORS_RESPONSE
    if complaint.status == Complaint.Status.DECIDED:
        return letter_rules.DIRECTORS_DECISION
    return letter_rules.REFER_TO_DIRECTOR


def draft_from_template(complaint: Complaint, kind: str, *, by: User) -> str:
    """The template of `kind` filled in for this complaint, worded for `by`, who sends it."""
    return fill_in(fill(reply_template(kind).body, next_step=next_step(complaint, by=by)), complaint)


# Notifications -----------------------------------------------------------------------------

def supervisors_of(branch_id: int) -> QuerySet:
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.SUPERVISOR, profile__branches=branch_id)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def complaint_assignees(complaint: Complaint) -> QuerySet:
    """Who a complaint may be assigned to: the active supervisors of its branch."""
    return supervisors_of(complaint.branch_id)


def subject(complaint: Complaint, event: str) -> str:
    """"Complaint C-12 at Main: escalated": a reference and a branch, never a name or words."""
    return f"Complaint {complaint.reference} at {complaint.branch.name}: {event}"


def notify(complaint: Complaint, *, event: str, to) -> None:
    body = render_to_string(
        "feedback/complaints/email/notification.txt",
        {"complaint": complaint, "event": event, "path": site_url(reverse("complaints:detail", args=[complaint.pk]))},
    )
    email_after_commit(subject=subject(complaint, event), body=body, to=staff_emails(to), role=STAFF, branch=complaint.branch)
