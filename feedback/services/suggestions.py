"""Every write to purchase suggestions: taking one and deciding it.

"If you are unable to comply with a request, offer an alternative": a title the library does
not have can be suggested for purchase, at the desk or from a comment card. A supervisor of
the branch (or the Director) accepts it, orders it, or declines it with a reason the patron
is told. What may happen next is the table WORKFLOW, taken by the kernel
(servicedesk/lib/workflow.py).
"""

import datetime
import uuid

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from feedback.models import PurchaseSuggestion, ReplyChannel
from feedback.services import retention
from feedback.services.notify import PATRON, email_after_commit
from patrons.models import Patron
from servicedesk.lib.workflow import Step, Workflow, advance, check
from staff.access import may_decide_suggestion, serves_patrons, service_points_for
from staff.models import Branch

Status = PurchaseSuggestion.Status


def _decision(status: str, sources: tuple[str, ...], not_now: str) -> Step:
    return Step(status, sources, status, may_decide_suggestion, REFUSAL, not_now + "; this one is {status}.")


REFUSAL = "Only a supervisor of the suggestion's branch or the Director decides a purchase suggestion."

# The steps are named for the decision they record. A suggestion has no timeline: who decided
# and when are on the suggestion itself.
WORKFLOW = Workflow(
    [
        _decision(Status.ACCEPTED, (Status.PENDING,), "Only a pending suggestion can be accepted"),
        _decision(Status.ORDERED, (Status.PENDING, Status.ACCEPTED), "Only a pending or accepted suggestion can be ordered"),
        _decision(
            Status.DECLINED, (Status.PENDING, Status.ACCEPTED), "Only a pending or accepted suggestion can be declined"
        ),
    ],
    step_model=None,
)


def notice_subject(suggestion: PurchaseSuggestion) -> str:
    """The reference only, never a name or a title the patron asked for."""
    return f"Your suggestion to the library (reference {suggestion.reference})"


def notice_email(suggestion: PurchaseSuggestion) -> str:
    contact = suggestion.contact or (suggestion.patron.email if suggestion.patron else "")
    try:
        validate_email(contact)
    except ValidationError:
        return ""
    return contact


@transaction.atomic
def suggestion_take(
    *,
    by: User,
    branch: Branch,
    title: str,
    creator: str = "",
    format: str = "book",
    patron: Patron | None = None,
    contact_name: str = "",
    contact: str = "",
    tell_by: str = "",
    interaction=None,
    submission_key: uuid.UUID | None = None,
) -> PurchaseSuggestion:
    """Record a patron's purchase suggestion for a branch where one works (the Director: any)."""
    if not serves_patrons(by) or not service_points_for(by).filter(branch=branch).exists():
        raise PermissionDenied("You cannot take purchase suggestions for that branch.")
    if submission_key is not None:
        existing = PurchaseSuggestion.objects.filter(submission_key=submission_key, taken_by=by).first()
        if existing is not None:
            return existing
    suggestion = PurchaseSuggestion(
        branch=branch,
        taken_by=by,
        title=title.strip(),
        creator=creator.strip(),
        format=format,
        patron=patron,
        contact_name=contact_name.strip()[:200],
        contact=contact.strip(),
        tell_by=tell_by,
        interaction=interaction,
        submission_key=submission_key,
    )
    errors = {}
    try:
        suggestion.full_clean(exclude=["branch", "taken_by", "patron", "interaction", "submission_key"])
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if not suggestion.title:
        errors["title"] = [ValidationError("Give the title the patron suggests.")]
    if suggestion.tell_by == ReplyChannel.EMAIL and not notice_email(suggestion):
        errors.setdefault("contact", []).append(
            ValidationError("To tell the patron by e-mail, give their e-mail address (or choose another way).")
        )
    if suggestion.tell_by in (ReplyChannel.PHONE, ReplyChannel.LETTER) and not (suggestion.contact or patron):
        errors.setdefault("contact", []).append(
            ValidationError("Give a phone number or an address to tell the patron, or their card number.")
        )
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            suggestion.save()
    except IntegrityError:
        if submission_key is None:
            raise
        return PurchaseSuggestion.objects.get(submission_key=submission_key, taken_by=by)
    return suggestion


@transaction.atomic
def suggestion_decide(*, suggestion: PurchaseSuggestion, by: User, version: int, status: str, reason: str = "") -> PurchaseSuggestion:
    """Accept, order or decline ("find ways to say yes"): a decline needs a reason, which the
    patron is told. When they asked to be told by e-mail, it is sent (subject: the reference)."""
    if status not in WORKFLOW.steps:
        raise ValidationError({"status": "Choose accepted, ordered or declined."})
    check(WORKFLOW, suggestion, status, by=by, version=version)
    reason = reason.strip()
    if status == Status.DECLINED and not reason:
        raise ValidationError({"reason": "Say why it is declined: the patron is told the reason."})
    if len(reason) > PurchaseSuggestion._meta.get_field("reason").max_length:
        raise ValidationError({"reason": "Keep the reason to 4000 characters."})
    advance(WORKFLOW, suggestion, status, by=by, version=version, reason=reason, decided_by=by, decided_at=timezone.now())
    if suggestion.tell_by == ReplyChannel.EMAIL and suggestion.deidentified_at is None:
        email_after_commit(
            subject=notice_subject(suggestion), body=notice_body(suggestion), to=[notice_email(suggestion)], role=PATRON,
            branch=suggestion.branch,
        )
    return suggestion


NOTICES = {
    Status.ACCEPTED: "The library will buy “{title}” for its collection.",
    Status.ORDERED: "“{title}” has been ordered; you can place a hold on it at any desk.",
    Status.DECLINED: "The library will not buy “{title}”.",
}


def notice_body(suggestion: PurchaseSuggestion) -> str:
    """What the patron is told: the decision and its reason, nothing internal."""
    lines = [
        f"Thank you for your suggestion (reference {suggestion.reference}) to {suggestion.branch.name}.",
        "",
        NOTICES[suggestion.status].format(title=suggestion.title),
    ]
    if suggestion.reason:
        lines += ["", suggestion.reason]
    return "\n".join(lines)


# Retention ---------------------------------------------------------------------------------

def suggestions_to_deidentify(*, before: datetime.datetime) -> QuerySet:
    """Ordered or declined suggestions decided before `before`, not yet de-identified."""
    return PurchaseSuggestion.objects.filter(
        status__in=PurchaseSuggestion.FINISHED, decided_at__lt=before, deidentified_at__isnull=True
    )


@transaction.atomic
def suggestions_deidentify(*, before: datetime.datetime) -> int:
    """Finished suggestions past the feedback retention period lose who asked and how to
    reach them, and the reason they were told; the item, the decision and the dates stay."""
    pks = list(suggestions_to_deidentify(before=before).values_list("pk", flat=True))
    return retention.deidentify(PurchaseSuggestion, pks, patron=None)
