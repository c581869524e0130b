"""The rules of a complaint's lifecycle: which step may follow which (the table TRANSITIONS,
and nowhere else), who may take it, the deadlines, and how a step is saved. Each step takes
the version the person's page was rendered with and refuses a change made from an older copy
(ComplaintEditConflict), so that nothing is overwritten silently."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q

from feedback.models import Complaint, ComplaintStep
from staff.access import may_decide_complaint, may_work_complaint

Status = Complaint.Status

# Still waiting for the acknowledgment, and for a resolution or an escalation: the deadlines.
AWAITING_ACKNOWLEDGMENT = (Status.NEW,)
AWAITING_RESOLUTION = (Status.NEW, Status.ACKNOWLEDGED, Status.IN_PROGRESS)
# Finished with: after the retention period these lose the patron's contact details.
FINISHED = (Status.RESOLVED, Status.DECIDED, Status.CLOSED)


class ComplaintEditConflict(Exception):
    """Someone saved the complaint after the person's page was rendered; their change would be lost."""


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    refusal: str
    # "work": a supervisor of the branch or the Director; "decide": the Director.
    who: str = "work"


TRANSITIONS = {
    "acknowledge": Transition((Status.NEW,), Status.ACKNOWLEDGED, "Only a new complaint can be acknowledged"),
    "start": Transition((Status.ACKNOWLEDGED,), Status.IN_PROGRESS, "Only an acknowledged complaint can be started"),
    "resolve": Transition(
        (Status.ACKNOWLEDGED, Status.IN_PROGRESS),
        Status.RESOLVED,
        "Only an acknowledged complaint or one in progress can be resolved",
    ),
    "escalate": Transition(
        (Status.ACKNOWLEDGED, Status.IN_PROGRESS),
        Status.ESCALATED,
        "Only an acknowledged complaint or one in progress can be escalated to the Director",
    ),
    "decide": Transition(
        (Status.ESCALATED,), Status.DECIDED, "Only a complaint escalated to the Director can be decided", who="decide"
    ),
    "close": Transition((Status.RESOLVED, Status.DECIDED), Status.CLOSED, "Only a resolved or decided complaint can be closed"),
    "reopen": Transition(
        (Status.RESOLVED, Status.DECIDED, Status.CLOSED),
        Status.IN_PROGRESS,
        "Only a resolved, decided or closed complaint can be reopened",
    ),
}

# What the timeline says for each step.
STEP_LABELS = {
    "taken": "Taken",
    "acknowledge": "Acknowledged",
    "assign": "Assigned",
    "start": "Work started",
    "resolve": "Resolved",
    "escalate": "Escalated to the Director",
    "decide": "Decided by the Director",
    "close": "Closed",
    "reopen": "Reopened",
    "respond": "Response drafted",
}

PERMISSION_REFUSALS = {
    "work": "Only a supervisor of the complaint's branch or the Director can do this.",
    "decide": "Only the Director decides an escalated complaint.",
}


# Deadlines ---------------------------------------------------------------------------------

def acknowledgment_overdue(today: datetime.date) -> Q:
    return Q(status__in=AWAITING_ACKNOWLEDGMENT, acknowledge_by__lt=today)


def resolution_overdue(today: datetime.date) -> Q:
    """"Resolve or escalate within 10 business days": an escalated complaint met the deadline."""
    return Q(status__in=AWAITING_RESOLUTION, resolve_by__lt=today)


def overdue(today: datetime.date) -> Q:
    return acknowledgment_overdue(today) | resolution_overdue(today)


# Who may do what next ----------------------------------------------------------------------

def allowed(user, complaint: Complaint, who: str) -> bool:
    return may_decide_complaint(user, complaint) if who == "decide" else may_work_complaint(user, complaint)


def available_actions(user, complaint: Complaint) -> list[str]:
    """The steps this person may take on this complaint now, in the order the page offers them."""
    actions = [
        name
        for name, transition in TRANSITIONS.items()
        if complaint.status in transition.sources and allowed(user, complaint, transition.who)
    ]
    if complaint.status != Status.CLOSED and may_work_complaint(user, complaint):
        actions.append("assign")
        if complaint.deidentified_at is None:
            actions.append("respond")
    return actions


def check(complaint: Complaint, *, by, version: int, who: str = "work") -> None:
    if not allowed(by, complaint, who):
        raise PermissionDenied(PERMISSION_REFUSALS[who])
    if complaint.version != version:
        raise ComplaintEditConflict


def save(complaint: Complaint, *, version: int, **changes) -> None:
    """Write the changes only if nobody saved the complaint since `version` was read."""
    updated = Complaint.objects.filter(pk=complaint.pk, version=version).update(**changes, version=version + 1)
    if not updated:
        raise ComplaintEditConflict
    for field, value in changes.items():
        setattr(complaint, field, value)
    complaint.version = version + 1


def timeline_step(complaint: Complaint, *, by, action: str, note: str = "", field: str = "note", assignee=None) -> ComplaintStep:
    """A step of the timeline, checked but not saved yet (the note's length)."""
    step = ComplaintStep(complaint=complaint, by=by, action=action, note=note.strip(), assignee=assignee)
    try:
        step.full_clean(exclude=["complaint", "by", "assignee", "from_status", "to_status"])
    except ValidationError as error:
        raise ValidationError({field: error.message_dict.get("note", error.messages)}) from None
    return step


def move(complaint: Complaint, *, action: str, by, version: int, note: str = "", field: str = "note", **changes) -> Complaint:
    transition = TRANSITIONS[action]
    check(complaint, by=by, version=version, who=transition.who)
    if complaint.status not in transition.sources:
        raise ValidationError(f"{transition.refusal}; this one is {status_in_a_sentence(complaint.status)}.")
    step = timeline_step(complaint, by=by, action=action, note=note, field=field)
    step.from_status = complaint.status
    save(complaint, version=version, status=transition.target, **changes)
    step.to_status = complaint.status
    step.save()
    return complaint


def status_in_a_sentence(status: str) -> str:
    """"escalated to the Director": the label, within a sentence."""
    label = Status(status).label
    return label[0].lower() + label[1:]


def required(text: str, message: str, field: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({field: message})
    return text
