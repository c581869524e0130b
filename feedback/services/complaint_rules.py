"""The table of a complaint's lifecycle: which step may follow which, who may take it, and
the deadlines. The kernel (servicedesk/lib/workflow.py) checks and takes a step: it refuses a
change made from an older copy (EditConflict), so that nothing is overwritten silently."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Q, QuerySet, Subquery

from feedback.models import Complaint, ComplaintStep
from servicedesk.lib.workflow import Step, Workflow, always
from staff.access import may_decide_complaint, may_work_complaint

Status = Complaint.Status

# Still waiting for the acknowledgment, and for a resolution or an escalation: the deadlines.
AWAITING_ACKNOWLEDGMENT = (Status.NEW,)
AWAITING_RESOLUTION = (Status.NEW, Status.ACKNOWLEDGED, Status.IN_PROGRESS)
# Finished with: after the retention period these lose the patron's contact details.
FINISHED = (Status.RESOLVED, Status.DECIDED, Status.CLOSED)
NOT_CLOSED = tuple(status for status in Status if status != Status.CLOSED)

WORK = "Only a supervisor of the complaint's branch or the Director can do this."


def status_in_a_sentence(status: str) -> str:
    """"escalated to the Director": the label, within a sentence."""
    label = Status(status).label
    return label[0].lower() + label[1:]


# When a complaint's timeline first took these steps: kept on the complaint (for the reports'
# waits) by the kernel as it takes them. A reopened complaint keeps its first resolution.
FIRST_STEPS = {
    "acknowledged_at": ("acknowledge",),
    "settled_at": ("resolve", "escalate"),
    "escalated_at": ("escalate",),
    "decided_at": ("decide",),
}


def _step(name, sources, target, not_now, label, *, may=may_work_complaint, not_yours=WORK, offer=always):
    return Step(name, sources, target, may, not_yours, not_now, label, offer)


WORKFLOW = Workflow(
    [
        _step("acknowledge", (Status.NEW,), Status.ACKNOWLEDGED,
              "Only a new complaint can be acknowledged; this one is {status}.", "Acknowledged"),
        _step("start", (Status.ACKNOWLEDGED,), Status.IN_PROGRESS,
              "Only an acknowledged complaint can be started; this one is {status}.", "Work started"),
        _step("resolve", (Status.ACKNOWLEDGED, Status.IN_PROGRESS), Status.RESOLVED,
              "Only an acknowledged complaint or one in progress can be resolved; this one is {status}.", "Resolved"),
        _step("escalate", (Status.ACKNOWLEDGED, Status.IN_PROGRESS), Status.ESCALATED,
              "Only an acknowledged complaint or one in progress can be escalated to the Director; "
              "this one is {status}.", "Escalated to the Director"),
        _step("decide", (Status.ESCALATED,), Status.DECIDED,
              "Only a complaint escalated to the Director can be decided; this one is {status}.",
              "Decided by the Director",
              may=may_decide_complaint, not_yours="Only the Director decides an escalated complaint."),
        _step("close", (Status.RESOLVED, Status.DECIDED), Status.CLOSED,
              "Only a resolved or decided complaint can be closed; this one is {status}.", "Closed"),
        _step("reopen", (Status.RESOLVED, Status.DECIDED, Status.CLOSED), Status.IN_PROGRESS,
              "Only a resolved, decided or closed complaint can be reopened; this one is {status}.", "Reopened"),
        # Steps that keep the status.
        _step("assign", NOT_CLOSED, None, "A closed complaint cannot be assigned: reopen it first.", "Assigned"),
        _step("respond", NOT_CLOSED, None, "This complaint is closed: reopen it to write to the patron again.",
              "Response drafted", offer=lambda complaint: complaint.deidentified_at is None),
    ],
    step_model=ComplaintStep,
    record_field="complaint",
    describe=lambda complaint: {"status": status_in_a_sentence(complaint.status)},
    first_steps=FIRST_STEPS,
)

# What the timeline says for each step.
STEP_LABELS = WORKFLOW.labels(taken="Taken")


def count_first_steps(complaints: QuerySet) -> int:
    """Set the complaints' FIRST_STEPS fields again from their timelines (one UPDATE), as the
    workflow would have kept them: after steps written other than through it. Returns how
    many complaints were counted."""
    def first(actions):
        steps = ComplaintStep.objects.filter(complaint=OuterRef("pk"), action__in=actions)
        return Subquery(steps.order_by("at", "pk").values("at")[:1])

    return complaints.update(**{field: first(actions) for field, actions in FIRST_STEPS.items()})


# Deadlines ---------------------------------------------------------------------------------

def acknowledgment_overdue(today: datetime.date) -> Q:
    return Q(status__in=AWAITING_ACKNOWLEDGMENT, acknowledge_by__lt=today)


def resolution_overdue(today: datetime.date) -> Q:
    """"Resolve or escalate within 10 business days": an escalated complaint met the deadline."""
    return Q(status__in=AWAITING_RESOLUTION, resolve_by__lt=today)


def overdue(today: datetime.date) -> Q:
    return acknowledgment_overdue(today) | resolution_overdue(today)


def required(text: str, message: str, field: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({field: message})
    return text
