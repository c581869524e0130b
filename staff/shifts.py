"""Shifts: who is on duty at which service point. Choosing a service point signs the person
on (staff.current.work_at); signing off, signing out, choosing another point and closing the
desk end the shift. The policy: "During all hours of operation, a staff member should be at
the service desk." """

import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from staff.access import service_points_for
from staff.models import ServicePoint, Shift


def longest_shift() -> datetime.timedelta:
    """No session outlives SESSION_MAX_HOURS, so neither does a shift: one left open (a
    browser closed without signing out) counts as ended that long after it started."""
    return datetime.timedelta(hours=settings.SESSION_MAX_HOURS)


def shift_end_of(shift: Shift, now: datetime.datetime) -> datetime.datetime:
    """When the shift ends, or is taken to end: an open one runs until now, at most longest_shift()."""
    return shift.ended_at or min(now, shift.started_at + longest_shift())


def is_on(shift: Shift, now: datetime.datetime) -> bool:
    """Signed on now: the shift is open, and not one left open past longest_shift()."""
    return shift.ended_at is None and shift.started_at <= now < shift.started_at + longest_shift()


def shifts_overlapping(start: datetime.datetime, end: datetime.datetime) -> Q:
    """The shifts that were on during part of [start, end)."""
    return Q(started_at__lt=end) & (
        Q(ended_at__gt=start) | Q(ended_at__isnull=True, started_at__gt=start - longest_shift())
    )


@transaction.atomic
def shift_start(*, by: User, service_point: ServicePoint, at: datetime.datetime | None = None) -> tuple[Shift, bool]:
    """Sign on at a service point: the person's shift elsewhere ends; a shift already open at
    this point goes on. Returns the shift and whether it is a new one."""
    if not service_points_for(by).filter(pk=service_point.pk).exists():
        raise PermissionDenied("You cannot work at that service point.")
    at = at or timezone.now()
    current = Shift.objects.select_for_update().filter(user=by, ended_at__isnull=True).first()
    if current is not None:
        if current.service_point_id == service_point.pk and current.started_at > at - longest_shift():
            return current, False
        _close(current, at)
    return Shift.objects.create(user=by, service_point=service_point, started_at=at), True


@transaction.atomic
def shift_end(*, by: User, at: datetime.datetime | None = None) -> Shift | None:
    """Sign off: the person's open shift ends now. Returns it, or None if they were on none."""
    at = at or timezone.now()
    current = Shift.objects.select_for_update().filter(user=by, ended_at__isnull=True).first()
    if current is not None:
        _close(current, at)
    return current


def _close(shift: Shift, at: datetime.datetime) -> None:
    shift.ended_at = min(max(at, shift.started_at), shift.started_at + longest_shift())
    shift.save(update_fields=["ended_at"])
