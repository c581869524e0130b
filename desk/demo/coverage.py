"""Desk coverage and handover in the demo library: the week's shifts at each desk (with the
gaps a real week has: a lunch nobody covered, a late start), today's shifts so far, the kept
coverage of the past days, and a handover note at Main's reference desk."""

import datetime
import random

from django.utils import timezone

from desk.models import HandoverNote
from desk.services.coverage import coverage_record_past_days
from staff.demo import DEMO_SEED, OPENING_HOURS
from staff.models import Shift

SHIFT_DAYS = 14
# (branch code, service point name) -> the usernames who work it, morning and afternoon.
ROTA = {
    ("main", "Circulation desk"): ("desk", "supervisor"),
    ("main", "Reference desk"): ("desk2", "desk2"),
    ("main", "Children's desk"): ("supervisor", "desk"),
    ("east", "Circulation desk"): ("eastdesk", "eastdesk"),
}
HANDOVER = "A patron is coming back at three for the tax forms: they are in the folder under the desk."


def _at(day: datetime.date, hour: float) -> datetime.datetime:
    minutes = round(hour * 60)
    return datetime.datetime.combine(
        day, datetime.time(minutes // 60, minutes % 60), tzinfo=timezone.get_current_timezone()
    )


def _day_shifts(day, rng, points, users, now) -> list[Shift]:
    """Morning and afternoon at each desk of the rota, each a little late or early now and then."""
    opens, closes = OPENING_HOURS[day.weekday()]
    middle = (opens + closes) / 2
    shifts = []
    for key, (morning, afternoon) in ROTA.items():
        for username, start, end in ((morning, opens, middle - 0.5), (afternoon, middle + rng.choice([0, 0, 0.25, 1]), closes)):
            start += rng.choice([0, 0, 0, 0.25, 0.5])
            begins, ends = _at(day, start), _at(day, end)
            if begins >= now:
                continue
            shifts.append(
                Shift(user=users[username], service_point=points[key], started_at=begins, ended_at=ends if ends <= now else None)
            )
    return shifts


def ensure_demo_coverage(*, points, users, now) -> int:
    """The demo shifts of the last SHIFT_DAYS opening days (days that have none yet), the kept
    coverage of the past days, and one handover note; returns the number of shifts added."""
    rng = random.Random(DEMO_SEED + 12)
    today = timezone.localdate(now)
    start = today - datetime.timedelta(days=SHIFT_DAYS - 1)
    have = {timezone.localdate(at) for at in Shift.objects.filter(started_at__date__gte=start).values_list("started_at", flat=True)}
    shifts = []
    for offset in range(SHIFT_DAYS):
        day = start + datetime.timedelta(days=offset)
        if day.weekday() in OPENING_HOURS and day not in have:
            shifts += _day_shifts(day, rng, points, users, now)
    # One open shift a person: today's later one stands, an earlier one ends where the next starts.
    open_by_user = {}
    for shift in sorted(shifts, key=lambda s: s.started_at):
        if shift.ended_at is None:
            if shift.user_id in open_by_user:
                open_by_user[shift.user_id].ended_at = shift.started_at
            open_by_user[shift.user_id] = shift
    if open_by_user:
        already_open = set(Shift.objects.filter(ended_at__isnull=True).values_list("user_id", flat=True))
        for user_id, shift in open_by_user.items():
            if user_id in already_open:
                shift.ended_at = max(now, shift.started_at)
    Shift.objects.bulk_create(shifts)
    coverage_record_past_days(until=today - datetime.timedelta(days=1))
    reference = points["main", "Reference desk"]
    if not HandoverNote.objects.filter(service_point=reference, dismissed_at__isnull=True).exists():
        HandoverNote.objects.create(
            service_point=reference, text=HANDOVER, written_by=users["desk"], written_at=now - datetime.timedelta(minutes=40)
        )
    return len(shifts)
