"""Which step of a collection-review request may follow which: the table WORKFLOW, and nowhere
else, with who may take each step (staff/access/). The kernel (servicedesk/lib/workflow.py)
checks and takes a step, refusing a change made from an older copy (EditConflict)."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone

from feedback.models import ReviewRequest, ReviewStep
from servicedesk.lib.workflow import Step, Workflow, always
from staff.access import (
    may_decide_appeal,
    may_decide_review,
    may_publish_review,
    may_run_review,
)

Status = ReviewRequest.Status

NEXT_STEP = {
    Status.RECEIVED: "acknowledge it",
    Status.ACKNOWLEDGED: "assign the committee",
    Status.COMMITTEE: "each reviewer recommends, then the decision",
    Status.DECIDED: "send the decision letter",
    Status.NOTIFIED: "record an appeal within the window, or close it after the window",
    Status.APPEALED: "the Director decides the appeal",
    Status.APPEAL_DECIDED: "send the letter with the decision on the appeal",
    Status.APPEAL_NOTIFIED: "close it",
    Status.CLOSED: "nothing: it is closed",
}

RUN_REFUSAL = "A supervisor of the request's branch or the Director runs the review steps."
# After why a step is refused in this status: where the request stands and what comes next.
NOW = "; {reference} is “{status}”. Next: {next}."
AFTER_THE_LETTER = (Status.NOTIFIED, Status.APPEALED, Status.APPEAL_DECIDED, Status.APPEAL_NOTIFIED, Status.CLOSED)


def on_the_committee(viewer: User, review: ReviewRequest) -> bool:
    """Each reviewer records their own recommendation. Read from `review.reviewers` (a few
    rows), which the request page has already fetched."""
    return any(row.reviewer_id == viewer.pk for row in review.reviewers.all())


def _window_over(review: ReviewRequest) -> bool:
    return review.appeal_by is not None and timezone.localdate() > review.appeal_by


def _step(name, sources, target, when, label, *, may=may_run_review, not_yours=RUN_REFUSAL, offer=always):
    return Step(name, sources, target, may, not_yours, when + NOW, label, offer)


WORKFLOW = Workflow(
    [
        _step("acknowledge", (Status.RECEIVED,), Status.ACKNOWLEDGED,
              "A request is acknowledged once, when it has been received", "Acknowledged"),
        _step("assign_committee", (Status.ACKNOWLEDGED,), Status.COMMITTEE,
              "The committee is assigned once the request is acknowledged", "Committee assigned"),
        _step("recommend", (Status.COMMITTEE,), None,
              "Reviewers recommend while the committee is reviewing", "Recommendation recorded",
              may=on_the_committee, not_yours="Only the reviewer records their own recommendation."),
        _step("decide", (Status.COMMITTEE,), Status.DECIDED,
              "The decision is made while the committee is reviewing", "Decided",
              may=may_decide_review, not_yours="The Director or the committee's chair decides.",
              offer=lambda review: all(row.recommendation for row in review.reviewers.all())),
        _step("send_decision", (Status.DECIDED,), Status.NOTIFIED,
              "The decision letter is sent once, after the decision", "Decision letter sent"),
        _step("appeal", (Status.NOTIFIED,), Status.APPEALED,
              "An appeal is recorded after the decision letter is sent, once", "Appeal recorded",
              offer=lambda review: not _window_over(review)),
        _step("decide_appeal", (Status.APPEALED,), Status.APPEAL_DECIDED,
              "The Director decides an appeal once one is recorded", "Appeal decided",
              may=may_decide_appeal, not_yours="The Director decides appeals."),
        _step("send_appeal_decision", (Status.APPEAL_DECIDED,), Status.APPEAL_NOTIFIED,
              "The letter with the decision on the appeal is sent once, after the Director decides it",
              "Appeal decision letter sent"),
        _step("close", (Status.NOTIFIED, Status.APPEAL_NOTIFIED), Status.CLOSED,
              "A request is closed after the decision letter, or after the letter with the decision on the appeal",
              "Closed",
              offer=lambda review: review.status != Status.NOTIFIED or _window_over(review)),
        _step("publish", AFTER_THE_LETTER, None,
              "A decision goes on the public list once the requester has had the decision letter",
              "Published on the list of decisions",
              may=may_publish_review, not_yours="The Director publishes decisions."),
        _step("unpublish", AFTER_THE_LETTER, None,
              "A decision comes off the public list only after the decision letter",
              "Taken off the list of decisions",
              may=may_publish_review, not_yours="The Director publishes decisions.",
              # The page offers one form for both: "publish" puts it on the list or takes it off.
              offer=lambda review: False),
    ],
    step_model=ReviewStep,
    record_field="review",
    describe=lambda review: {
        "reference": review.reference,
        "status": review.get_status_display(),
        "next": NEXT_STEP[review.status],
    },
)

# How each step reads on the timeline.
STEP_LABELS = WORKFLOW.labels(received="Request received")


def require(field: str, value: str, message: str) -> None:
    if not value.strip():
        raise ValidationError({field: message})
