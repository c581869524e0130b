"""The table of a comment card's triage: which step may follow which, and who may take it
(a supervisor of the card's branch or the Director). The kernel (servicedesk/lib/workflow.py)
checks and takes a step, refusing a change made from an older copy (EditConflict)."""

import datetime

from django.db.models import Q

from feedback.models import CommentCard, CommentCardStep
from servicedesk.lib.workflow import Step, Workflow, always
from staff.access import may_triage_card

Status = CommentCard.Status
FINISHED = (Status.REPLIED, Status.CLOSED)
OPEN = CommentCard.OPEN

REFUSAL = "Only a supervisor of the card's branch or the Director can do this."


def _step(name, sources, target, not_now, label, offer=always):
    return Step(name, sources, target, may_triage_card, REFUSAL, not_now + "; this one is {status}.", label, offer)


def _reachable(card: CommentCard) -> bool:
    """Once de-identified, nobody is left to write to or to take a complaint from."""
    return card.deidentified_at is None


WORKFLOW = Workflow(
    [
        _step("thank", (Status.NEW,), Status.THANKED, "Only a new card can be marked as thanked", "Thanked"),
        _step("act", (Status.NEW, Status.THANKED), Status.IN_ACTION, "Only a new or thanked card can be acted on", "Acted on"),
        _step("reply", OPEN, Status.REPLIED, "Only an open card can be replied to", "Replied", offer=_reachable),
        _step(
            "to_complaint", OPEN, Status.IN_ACTION, "Only an open card can become a complaint", "Turned into a complaint",
            offer=lambda card: _reachable(card) and not card.complaint_id,
        ),
        _step(
            "to_suggestion", OPEN, Status.IN_ACTION, "Only an open card can become a purchase suggestion",
            "Turned into a purchase suggestion",
            offer=lambda card: _reachable(card) and not card.suggestion_id,
        ),
        _step("close", (*OPEN, Status.REPLIED), Status.CLOSED, "This card is already closed", "Closed"),
    ],
    step_model=CommentCardStep,
    record_field="card",
)

STEP_LABELS = WORKFLOW.labels(received="Received")


def overdue(today: datetime.date) -> Q:
    """A card whose patron wants a reply, still open past its reply date."""
    return Q(status__in=CommentCard.OPEN, reply_by__lt=today)
