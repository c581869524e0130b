"""Every write to phone callbacks. The policy: "If you are unable to work on a caller's
request immediately, offer to call them back." A callback is scheduled from the desk form
(outcome "callback scheduled") or directly, is due a number of open hours later
(LibrarySettings.callback_due_hours), and ends done (the call is logged as an interaction in
the same step), closed after LibrarySettings.callback_attempts calls without an answer, or
cancelled. What may happen next is the table in callback_rules.py."""

import datetime
import uuid

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone

from desk.models import Callback, CallbackStep
from desk.services.callback_rules import WORKFLOW
from interactions.models import Interaction, InteractionKind
from interactions.services import interaction_log
from servicedesk.lib.retention import TIMELINE_CODES, clear_records
from servicedesk.lib.workflow import advance, check
from staff.access import callback_assignees, service_points_for
from staff.calendar import add_open_hours
from staff.models import LibrarySettings, ServicePoint

# A due time typed for "now" reaches the server a moment later: that is not the past.
PAST_GRACE = datetime.timedelta(minutes=5)


def default_due_at(service_point: ServicePoint, now: datetime.datetime | None = None) -> datetime.datetime:
    """callback_due_hours of the service point's opening hours from now: nights and closed
    days do not count (staff.calendar.add_open_hours)."""
    return add_open_hours(service_point, now or timezone.now(), LibrarySettings.current().callback_due_hours)


def _check_due_at(due_at: datetime.datetime) -> None:
    if due_at < timezone.now() - PAST_GRACE:
        raise ValidationError({"due_at": "The due time has passed: choose a time from now on."})


def _check_assignee(assigned_to: User | None, branch_id: int) -> None:
    if assigned_to is not None and not callback_assignees(branch_id).filter(pk=assigned_to.pk).exists():
        raise ValidationError({"assigned_to": "Assign it to someone who works at the callback's branch."})


@transaction.atomic
def callback_schedule(
    *,
    by: User,
    service_point: ServicePoint,
    caller_name: str,
    caller_phone: str,
    need: str,
    due_at: datetime.datetime | None = None,
    assigned_to: User | None = None,
    interaction: Interaction | None = None,
    submission_key: uuid.UUID | None = None,
) -> Callback:
    """Schedule a call back, at a service point the staff member may work at, due by `due_at`
    (by default default_due_at), assigned to a person of the branch or to the service point.
    The same form sent twice schedules one callback."""
    if not service_points_for(by).filter(pk=service_point.pk).exists():
        raise PermissionDenied("You cannot schedule callbacks at that service point.")
    if submission_key is not None:
        existing = Callback.objects.filter(submission_key=submission_key, created_by=by).first()
        if existing is not None:
            return existing
    if due_at is None:
        due_at = default_due_at(service_point)
    _check_due_at(due_at)
    _check_assignee(assigned_to, service_point.branch_id)
    callback = Callback(
        branch_id=service_point.branch_id,
        service_point=service_point,
        created_by=by,
        due_at=due_at,
        assigned_to=assigned_to,
        interaction=interaction,
        caller_name=caller_name.strip(),
        caller_phone=caller_phone.strip(),
        need=need.strip(),
        submission_key=submission_key,
    )
    callback.full_clean(exclude=["branch", "service_point", "created_by", "assigned_to", "interaction", "submission_key"])
    try:
        with transaction.atomic():
            callback.save()
    except IntegrityError:
        if submission_key is None:
            raise
        return Callback.objects.get(submission_key=submission_key, created_by=by)
    CallbackStep.objects.create(callback=callback, by=by, action="scheduled", to_status=callback.status)
    return callback


@transaction.atomic
def callback_done(
    *, callback: Callback, by: User, version: int, result: str, kind: InteractionKind, duration_minutes: int | None = None
) -> Callback:
    """The call was made and the caller helped: the result, and the call logged as a phone
    interaction at the callback's service point, in the same step (both or neither)."""
    check(WORKFLOW, callback, "done", by=by, version=version)
    result = result.strip()
    if not result:
        raise ValidationError({"result": "Say what came of the call."})
    interaction, _ = interaction_log(
        by=by,
        service_point=callback.service_point,
        kind=kind,
        channel=Interaction.Channel.PHONE,
        duration_minutes=duration_minutes,
    )
    return advance(
        WORKFLOW, callback, "done", by=by, version=version,
        result=result, done_interaction=interaction, finished_at=timezone.now(),
    )


@transaction.atomic
def callback_no_answer(*, callback: Callback, by: User, version: int, note: str = "") -> Callback:
    """A call without an answer, counted. The last one the library allows
    (LibrarySettings.callback_attempts) closes the callback, saying why."""
    attempts = callback.attempts + 1
    allowed = LibrarySettings.current().callback_attempts
    if attempts < allowed:
        return advance(WORKFLOW, callback, "no_answer", by=by, version=version, note=note, attempts=attempts)
    return advance(
        WORKFLOW, callback, "give_up", by=by, version=version, note=note,
        attempts=attempts, reason=f"No answer after {attempts} attempt{'' if attempts == 1 else 's'}.", finished_at=timezone.now(),
    )


@transaction.atomic
def callback_change(
    *, callback: Callback, by: User, version: int, due_at: datetime.datetime, assigned_to: User | None, note: str = ""
) -> Callback:
    """A new due time (never in the past) or another assignee (a person of the branch, or
    nobody: the service point)."""
    check(WORKFLOW, callback, "change", by=by, version=version)
    _check_due_at(due_at)
    _check_assignee(assigned_to, callback.branch_id)
    return advance(WORKFLOW, callback, "change", by=by, version=version, note=note, due_at=due_at, assigned_to=assigned_to)


@transaction.atomic
def callback_cancel(*, callback: Callback, by: User, version: int, reason: str) -> Callback:
    """The caller no longer needs it (they came in, someone else called): with a reason."""
    check(WORKFLOW, callback, "cancel", by=by, version=version)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why it is cancelled."})
    return advance(WORKFLOW, callback, "cancel", by=by, version=version, reason=reason, finished_at=timezone.now())


# Retention ---------------------------------------------------------------------------------

# What a callback keeps when it is de-identified, beyond its codes: nothing (the caller's name
# and number, what they needed, the result and the reason go); its steps keep what was done.
KEEP = {Callback: (), CallbackStep: TIMELINE_CODES}


def callbacks_to_deidentify(*, before: datetime.datetime) -> QuerySet:
    """Finished callbacks with no step since `before`, not yet de-identified."""
    recent_step = CallbackStep.objects.filter(callback=OuterRef("pk"), at__gte=before)
    return Callback.objects.filter(
        status__in=Callback.FINISHED, finished_at__lt=before, deidentified_at__isnull=True
    ).exclude(Exists(recent_step))


@transaction.atomic
def callbacks_deidentify(*, before: datetime.datetime) -> int:
    """Finished callbacks past the library's retention period (the interactions' one: a
    callback is a desk contact) lose the caller's name and number and every free text of the
    callback and its timeline; where, when, the status and the attempts stay."""
    pks = list(callbacks_to_deidentify(before=before).values_list("pk", flat=True))
    return clear_records(Callback, pks, keep=KEEP, deidentified_at=timezone.now(), version=F("version") + 1)
