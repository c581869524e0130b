"""The table of a referral: which step may follow which, and who may take it. A referral is
open until the patron has been answered; while open, the person it is referred to answers it
or passes it on (so may a supervisor of its branch or the Director pass it on, when it waits
too long). The kernel (servicedesk/lib/workflow.py) checks and takes a step, refusing a change
made from an older copy (EditConflict)."""

from desk.models import Referral, ReferralStep
from servicedesk.lib.workflow import Step, Workflow
from staff.access import may_answer_referral, may_pass_on_referral

Status = Referral.Status

WORKFLOW = Workflow(
    [
        Step(
            "answer", (Status.OPEN,), Status.ANSWERED, may_answer_referral,
            "Only the person the question is referred to can record its answer.",
            "This referral is already {status}.", "Answered",
        ),
        Step(
            "pass_on", (Status.OPEN,), None, may_pass_on_referral,
            "Only the person the question is referred to, a supervisor of its branch or the Director can pass it on.",
            "This referral is already {status}: there is nothing to pass on.", "Passed on",
        ),
    ],
    step_model=ReferralStep,
    record_field="referral",
)

STEP_LABELS = WORKFLOW.labels(referred="Referred")
