"""The coverage board (who is on each desk of a branch now, and which are uncovered while
open) and the handover notes a service point's staff see."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from desk.models import HandoverNote
from desk.services.coverage import coverage_of, needs_someone_at
from servicedesk.lib.dates import day_bounds
from staff.access import coverage_branch_scope, handover_note_scope, may_see_coverage
from staff.calendar import closed_days, open_period, opening_hours_of
from staff.models import Branch, ServicePoint, Shift
from staff.shifts import is_on, longest_shift, shift_end_of, shifts_overlapping


def coverage_branches(*, viewer: User) -> QuerySet[Branch]:
    return Branch.objects.filter(coverage_branch_scope(viewer)).order_by("name")


@dataclass
class DeskNow:
    """One service point on the board."""

    service_point: ServicePoint
    hours: tuple[datetime.time, datetime.time] | None  # today's, or None: closed today
    is_open: bool
    on_now: list[str] = field(default_factory=list)  # full names
    open_minutes: int = 0
    uncovered_minutes: int = 0
    # False for a phone line or a chat: answered from the desks (needs_someone_at).
    is_desk: bool = True

    @property
    def uncovered(self) -> bool:
        """A desk, open, and nobody on it: the policy's "a staff member should be at the service desk"."""
        return self.is_desk and self.is_open and not self.on_now


def coverage_board(*, viewer: User, branch: Branch, now: datetime.datetime | None = None) -> list[DeskNow]:
    """Every active service point of the branch: open now or not, who is signed on to it,
    and today's uncovered minutes so far. A constant number of queries whatever the number
    of points and shifts. The branch must be one of coverage_branches(viewer)."""
    if not coverage_branches(viewer=viewer).filter(pk=branch.pk).exists():
        raise Http404("No such branch.")
    now = now or timezone.now()
    today = timezone.localdate(now)
    points = list(ServicePoint.objects.filter(branch=branch, is_active=True).select_related("branch"))
    hours = opening_hours_of(points)
    closed = closed_days(today, today)
    start, end = day_bounds(today)
    shifts = Shift.objects.filter(shifts_overlapping(start, end), service_point__in=points).select_related("user")
    by_point: dict[int, list[Shift]] = {}
    for shift in shifts.order_by("started_at"):
        by_point.setdefault(shift.service_point_id, []).append(shift)
    board = []
    for point in points:
        period = open_period(today, hours[point.pk], closed)
        mine = by_point.get(point.pk, [])
        is_desk = needs_someone_at(point)
        open_minutes, uncovered_minutes = coverage_of(
            period if is_desk else None, [(shift.started_at, shift_end_of(shift, now)) for shift in mine], until=now
        )
        board.append(
            DeskNow(
                service_point=point,
                hours=(period[0].time(), period[1].time()) if period else None,
                is_open=period is not None and period[0] <= now < period[1],
                on_now=[shift.user.get_full_name() or shift.user.username for shift in mine if is_on(shift, now)],
                open_minutes=open_minutes,
                uncovered_minutes=uncovered_minutes,
                is_desk=is_desk,
            )
        )
    return board


# What a desk is at a moment, as the board's "Now" column says it; ANSWERED_FROM_DESKS: a
# phone line or a chat open with nobody signed on to it (needs_someone_at).
CLOSED, COVERED, UNCOVERED, ANSWERED_FROM_DESKS = "closed", "covered", "uncovered", "answered_from_desks"


def desks_now(*, viewer: User, points: list[ServicePoint], now: datetime.datetime) -> dict[int, str]:
    """Each service point's state now (CLOSED, COVERED, UNCOVERED: a desk open with nobody
    signed on, or ANSWERED_FROM_DESKS), by id, as coverage_board says it, for the desks of many branches at once (a branch's
    day). The points of a branch whose board the viewer may not see are left out. Three
    queries whatever the number of points and shifts."""
    points = [point for point in points if may_see_coverage(viewer, point.branch_id)]
    if not points:
        return {}
    today = timezone.localdate(now)
    hours = opening_hours_of(points)
    closed = closed_days(today, today)
    staffed = set(
        Shift.objects.filter(
            service_point__in=points, ended_at__isnull=True, started_at__lte=now, started_at__gt=now - longest_shift()
        ).values_list("service_point_id", flat=True)
    )
    states = {}
    for point in points:
        period = open_period(today, hours[point.pk], closed)
        if period is None or not period[0] <= now < period[1]:
            states[point.pk] = CLOSED
        else:
            states[point.pk] = COVERED if point.pk in staffed else UNCOVERED if needs_someone_at(point) else ANSWERED_FROM_DESKS
    return states


def handover_notes_open(*, viewer: User, service_point: ServicePoint) -> list[HandoverNote]:
    """The notes left at the service point and not yet dismissed, oldest first (one query)."""
    return list(
        HandoverNote.objects.filter(
            handover_note_scope(viewer), service_point=service_point, dismissed_at__isnull=True, deidentified_at__isnull=True
        ).select_related("written_by")
    )


def get_handover_note_for(viewer: User, pk: int) -> HandoverNote:
    """The note, if the viewer may see it; 404 alike for missing and out of scope."""
    note = HandoverNote.objects.filter(handover_note_scope(viewer), pk=pk).select_related("service_point").first()
    if note is None:
        raise Http404("No such handover note.")
    return note
