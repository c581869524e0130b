"""The table of a callback's steps: which may follow which, and who may take them (anyone of
the branch's desk, staff.access.may_work_callback; cancelling, may_cancel_callback). The
kernel (servicedesk/lib/workflow.py) checks and takes a step, refusing a change made from an
older copy (EditConflict)."""

from desk.models import Callback, CallbackStep
from servicedesk.lib.workflow import Step, Workflow
from staff.access import may_cancel_callback, may_work_callback

Status = Callback.Status
SCHEDULED = (Status.SCHEDULED,)

THE_DESK = "Only staff of the callback's branch can do this."
NOT_NOW = "This callback is {status}: nothing more can be done to it."


def _never(callback: Callback) -> bool:
    """Taken by the service, never offered as a form of its own."""
    return False


WORKFLOW = Workflow(
    [
        Step("done", SCHEDULED, Status.DONE, may_work_callback, THE_DESK, NOT_NOW, "Called back: done"),
        Step("no_answer", SCHEDULED, None, may_work_callback, THE_DESK, NOT_NOW, "Called, no answer"),
        # The last call without an answer closes it (LibrarySettings.callback_attempts).
        Step("give_up", SCHEDULED, Status.UNANSWERED, may_work_callback, THE_DESK, NOT_NOW, "Closed: no answer", _never),
        Step("change", SCHEDULED, None, may_work_callback, THE_DESK, NOT_NOW, "Due time or assignee changed"),
        Step(
            "cancel", SCHEDULED, Status.CANCELLED, may_cancel_callback,
            "Only who took it, who it is assigned to, a supervisor of its branch or the Director can cancel it.",
            NOT_NOW, "Cancelled",
        ),
    ],
    step_model=CallbackStep,
    record_field="callback",
)

STEP_LABELS = WORKFLOW.labels(scheduled="Scheduled")
