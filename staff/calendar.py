"""Business days: deadlines in the policy's sense skip weekends and the library's closed days
(staff.models.ClosedDay)."""

import datetime

from staff.models import ClosedDay

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
