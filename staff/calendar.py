"""Business days and opening hours. Deadlines in the policy's sense skip weekends and the
library's closed days (staff.models.ClosedDay); the live desk's (a callback's due time, a
referral's reminder) count the opening hours of a service point (staff.models.OpeningHours)."""

import datetime

from django.db.models import Q
from django.utils import timezone

from staff.models import ClosedDay, OpeningHours, ServicePoint

SATURDAY = 5


def closed_days(start: datetime.date, end: datetime.date) -> frozenset[datetime.date]:
    return frozenset(ClosedDay.objects.filter(date__gte=start, date__lte=end).values_list("date", flat=True))


def is_business_day(day: datetime.date, closed: frozenset[datetime.date]) -> bool:
    return day.weekday() < SATURDAY and day not in closed


def add_business_days(start: datetime.date, days: int) -> datetime.date:
    """The day `days` business days after `start`: a complaint received on a Friday with two
    business days to acknowledge it is due on Tuesday (Wednesday if Monday is a holiday)."""
    window = datetime.timedelta(days=days * 2 + 14)
    known_until, closed = start + window, closed_days(start, start + window)
    day, left = start, days
    while left > 0:
        day += datetime.timedelta(days=1)
        if day > known_until:
            closed = closed_days(day, day + window)
            known_until = day + window
        if is_business_day(day, closed):
            left -= 1
    return day


# Opening hours -----------------------------------------------------------------------------

Hours = dict[int, tuple[datetime.time, datetime.time]]  # weekday -> (opens, closes)
# How far ahead an open-hours count looks before it gives up and counts clock hours (a
# service point whose hours are all in the past of a closed year is not the desk's problem).
LOOK_AHEAD_DAYS = 400


def opening_hours(service_point: ServicePoint) -> Hours:
    """The service point's hours by weekday: its own if it has any, else its branch's."""
    return opening_hours_of([service_point])[service_point.pk]


def opening_hours_of(service_points) -> dict[int, Hours]:
    """The hours of several service points by id, in one query (a board of every desk)."""
    points = list(service_points)
    rows = OpeningHours.objects.filter(
        Q(service_point__in=points) | Q(branch__in={point.branch_id for point in points}, service_point__isnull=True)
    ).values_list("branch_id", "service_point_id", "weekday", "opens", "closes")
    own, branches = {}, {}
    for branch, point, weekday, opens, closes in rows:
        (own.setdefault(point, {}) if point else branches.setdefault(branch, {}))[weekday] = (opens, closes)
    return {point.pk: own.get(point.pk) or branches.get(point.branch_id, {}) for point in points}


def open_period(
    day: datetime.date, hours: Hours, closed: frozenset[datetime.date]
) -> tuple[datetime.datetime, datetime.datetime] | None:
    """When the desk is open on `day`, in the library's time zone, or None if it is closed."""
    if day in closed or day.weekday() not in hours:
        return None
    opens, closes = hours[day.weekday()]
    zone = timezone.get_current_timezone()
    return datetime.datetime.combine(day, opens, tzinfo=zone), datetime.datetime.combine(day, closes, tzinfo=zone)


def is_open(service_point: ServicePoint, at: datetime.datetime) -> bool:
    day = timezone.localdate(at)
    period = open_period(day, opening_hours(service_point), closed_days(day, day))
    return period is not None and period[0] <= at < period[1]


def add_open_hours(service_point: ServicePoint, start: datetime.datetime, hours: float) -> datetime.datetime:
    """The moment `hours` of the service point's opening time after `start`: a callback
    taken at 19:30 at a desk open until 20:00, due in two open hours, is due at 10:30 when it
    opens at 9:00 the next open day; nights, days without hours and closed days do not count.
    Where no opening hours are kept, clock hours."""
    left = datetime.timedelta(hours=hours)
    kept = opening_hours(service_point)
    if not kept:
        return start + left
    day = timezone.localdate(start)
    window = datetime.timedelta(days=31)
    known_until, closed = day + window, closed_days(day, day + window)
    for _ in range(LOOK_AHEAD_DAYS):
        period = open_period(day, kept, closed)
        if period is not None:
            begin, end = max(period[0], start), period[1]
            if begin < end:
                if begin + left <= end:
                    return begin + left
                left -= end - begin
        day += datetime.timedelta(days=1)
        if day > known_until:
            known_until, closed = day + window, closed_days(day, day + window)
    return start + datetime.timedelta(hours=hours)
