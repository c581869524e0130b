"""Which step of a collection-review request may follow which, and how a step is saved: the
table TRANSITIONS, and nowhere else. Who may take a step is staff/access.py."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from feedback.models import ReviewRequest, ReviewStep

Status = ReviewRequest.Status


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str | None  # None: the status stays
    when: str  # why it is refused in any other status


TRANSITIONS = {
    "acknowledge": Transition(
        (Status.RECEIVED,), Status.ACKNOWLEDGED, "A request is acknowledged once, when it has been received"
    ),
    "assign_committee": Transition(
        (Status.ACKNOWLEDGED,), Status.COMMITTEE, "The committee is assigned once the request is acknowledged"
    ),
    "recommend": Transition((Status.COMMITTEE,), None, "Reviewers recommend while the committee is reviewing"),
    "decide": Transition((Status.COMMITTEE,), Status.DECIDED, "The decision is made while the committee is reviewing"),
    "send_decision": Transition(
        (Status.DECIDED,), Status.NOTIFIED, "The decision letter is sent once, after the decision"
    ),
    "appeal": Transition(
        (Status.NOTIFIED,), Status.APPEALED, "An appeal is recorded after the decision letter is sent, once"
    ),
    "decide_appeal": Transition(
        (Status.APPEALED,), Status.APPEAL_DECIDED, "The Director decides an appeal once one is recorded"
    ),
    "close": Transition(
        (Status.NOTIFIED, Status.APPEAL_DECIDED),
        Status.CLOSED,
        "A request is closed after the decision letter, or after the appeal is decided",
    ),
    "publish": Transition(
        (Status.NOTIFIED, Status.APPEALED, Status.APPEAL_DECIDED, Status.CLOSED),
        None,
        "A decision goes on the public list once the requester has had the decision letter",
    ),
    "unpublish": Transition(
        (Status.NOTIFIED, Status.APPEALED, Status.APPEAL_DECIDED, Status.CLOSED),
        None,
        "A decision comes off the public list only after the decision letter",
    ),
}

NEXT_STEP = {
    Status.RECEIVED: "acknowledge it",
    Status.ACKNOWLEDGED: "assign the committee",
    Status.COMMITTEE: "each reviewer recommends, then the decision",
    Status.DECIDED: "send the decision letter",
    Status.NOTIFIED: "record an appeal within the window, or close it after the window",
    Status.APPEALED: "the Director decides the appeal",
    Status.APPEAL_DECIDED: "close it",
    Status.CLOSED: "nothing: it is closed",
}

# How each step reads on the timeline.
STEP_LABELS = {
    "received": "Request received",
    "acknowledge": "Acknowledged",
    "assign_committee": "Committee assigned",
    "recommend": "Recommendation recorded",
    "decide": "Decided",
    "send_decision": "Decision letter sent",
    "appeal": "Appeal recorded",
    "decide_appeal": "Appeal decided",
    "close": "Closed",
    "publish": "Published on the list of decisions",
    "unpublish": "Taken off the list of decisions",
}


RUN_REFUSAL = "A supervisor of the request's branch or the Director runs the review steps."


class ReviewEditConflict(Exception):
    """Someone saved the request (or the recommendation) after the editor opened it."""


def may_take(review: ReviewRequest, action: str) -> bool:
    return review.status in TRANSITIONS[action].sources


def check(review: ReviewRequest, action: str) -> None:
    if not may_take(review, action):
        raise ValidationError(
            f"{TRANSITIONS[action].when}; {review.reference} is “{review.get_status_display()}”. "
            f"Next: {NEXT_STEP[review.status]}.",
            code="transition",
        )


def check_version(obj, version: int) -> None:
    if obj.version != version:
        raise ReviewEditConflict


def begin(review: ReviewRequest, *, by, action: str, version: int, may, refusal: str) -> None:
    """Whether this person may take this step, on the copy they saw, now: before anything
    they typed is looked at."""
    if not may(by, review):
        raise PermissionDenied(refusal)
    check_version(review, version)
    check(review, action)


def require(field: str, value: str, message: str) -> None:
    if not value.strip():
        raise ValidationError({field: message})



@transaction.atomic
def advance(review: ReviewRequest, *, by, action: str, version: int, note: str = "", **changes) -> ReviewRequest:
    """Save `changes` and the step's new status from the copy the person saw (`version`),
    and add the step to the timeline. Refused with ReviewEditConflict if someone saved since."""
    from_status = review.status
    changes["status"] = TRANSITIONS[action].target or from_status
    updated = ReviewRequest.objects.filter(pk=review.pk, version=version).update(**changes, version=version + 1)
    if not updated:
        raise ReviewEditConflict
    for name, value in changes.items():
        setattr(review, name, value)
    review.version = version + 1
    ReviewStep.objects.create(
        review=review, by=by, action=action, from_status=from_status, to_status=review.status, note=note
    )
    return review
