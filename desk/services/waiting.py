"""The waiting list of a service point: add a patron, acknowledge them ("If you are helping
others, acknowledge patrons that are waiting ... you will be with them as soon as possible"),
serve them, or mark them gone without being served. Two staff at one desk keep one list: a
step on a patron someone else has already served, marked gone or acknowledged is refused with
a sentence saying who did it and when, never an error page.

The steps are a table of the workflow kernel (servicedesk/lib/workflow.py) without a timeline:
the record's own times and people are its history."""

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import time_format

from desk.models import WaitingPatron
from servicedesk.lib.retention import clear_records
from servicedesk.lib.workflow import Step, Workflow, advance
from staff.access import may_keep_waiting_list
from staff.models import ServicePoint

Status = WaitingPatron.Status

REFUSAL = "Only staff working at this branch's desks can keep its waiting list."


def _name(user: User) -> str:
    return user.get_full_name() or user.username


def _describe(entry: WaitingPatron) -> dict:
    """How a refusal names what happened to the patron: "Maya Okafor served them at 14:03"."""
    done = {Status.SERVED: "served them", Status.LEFT: "marked them as gone"}.get(entry.status, "")
    when = time_format(timezone.localtime(entry.ended_at), "H:i") if entry.ended_at else ""
    return {"label": entry.label, "what": f"{_name(entry.ended_by)} {done} at {when}" if done else entry.status}


NOT_WAITING = "{label} is no longer waiting: {what}."


def _step(name: str, target, label: str) -> Step:
    return Step(name, (Status.WAITING,), target, may_keep_waiting_list, REFUSAL, NOT_WAITING, label)


WORKFLOW = Workflow(
    [
        _step("acknowledge", None, "Acknowledged"),
        _step("serve", Status.SERVED, "Served"),
        _step("left", Status.LEFT, "Left without being served"),
    ],
    step_model=None,
    describe=_describe,
)


@transaction.atomic
def waiting_add(*, service_point: ServicePoint, label: str, by: User) -> WaitingPatron:
    """A patron waits at the service point from now; the label is how the desk calls them."""
    if not may_keep_waiting_list(by, service_point):
        raise PermissionDenied(REFUSAL)
    entry = WaitingPatron(service_point=service_point, branch_id=service_point.branch_id, label=label.strip(), added_by=by)
    entry.full_clean(exclude=["service_point", "branch", "added_by"], validate_constraints=False)
    entry.save()
    return entry


@transaction.atomic
def waiting_acknowledge(*, entry: WaitingPatron, by: User) -> WaitingPatron:
    """The patron has been told "I'll be with you as soon as possible": when, and by whom.
    Once is enough: a second acknowledgment says who already gave it."""
    if entry.status == Status.WAITING and entry.acknowledged_at is not None:
        raise ValidationError(
            f"{_name(entry.acknowledged_by)} already acknowledged {entry.label} at "
            f"{time_format(timezone.localtime(entry.acknowledged_at), 'H:i')}.",
            code="transition",
        )
    return advance(
        WORKFLOW, entry, "acknowledge", by=by, version=entry.version, acknowledged_at=timezone.now(), acknowledged_by=by
    )


@transaction.atomic
def waiting_serve(*, entry: WaitingPatron, by: User) -> WaitingPatron:
    """The patron is being served: off the list (the desk form then logs the interaction)."""
    return advance(WORKFLOW, entry, "serve", by=by, version=entry.version, ended_at=timezone.now(), ended_by=by)


@transaction.atomic
def waiting_left(*, entry: WaitingPatron, by: User) -> WaitingPatron:
    """The patron went without being served: off the list, counted as such in reports."""
    return advance(WORKFLOW, entry, "left", by=by, version=entry.version, ended_at=timezone.now(), ended_by=by)


# Retention ---------------------------------------------------------------------------------

KEEP = {WaitingPatron: ()}


def waiting_to_deidentify(*, before: datetime.datetime):
    """Waiting patrons added before `before` whose label is still there."""
    return WaitingPatron.objects.filter(added_at__lt=before, deidentified_at__isnull=True)


@transaction.atomic
def waiting_deidentify(*, before: datetime.datetime) -> int:
    """Clear the label (a name or a description of a person) of waiting patrons older than the
    retention period; the times, the service point and who acted stay, for the reports."""
    pks = list(waiting_to_deidentify(before=before).values_list("pk", flat=True))
    return clear_records(WaitingPatron, pks, keep=KEEP, deidentified_at=timezone.now(), version=F("version") + 1)
