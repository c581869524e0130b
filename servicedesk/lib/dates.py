"""Dates: a day's bounds in the library's time zone, and the one place that decides which
dates may be typed or filtered at all.

A date far in the past or future (year 1, 9999-12-31) is a typing mistake, and it breaks
arithmetic: the day after 9999-12-31 does not exist, and a time in year 1 cannot be moved
to UTC. Every form and filter takes its dates through BoundedDateField or
BoundedDateTimeField, so the bounds and the message that says what to fix are the same
everywhere. The rules of each record (not in the future, today or later) stay in its
services; a window only keeps the value inside what any such rule could sensibly accept.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateformat import format as format_date

# The app keeps the work of a library today; a library may type in its older records, but
# none of them is older than this.
FIRST_RECORD_DAY = datetime.date(2000, 1, 1)


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The start of `day` and of the next day, in the library's time zone."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)
    return start, datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class DateWindow:
    """The dates a field accepts: from `earliest` to `years_ahead` years after today, both
    included. A validator: it takes a date, or a date-time as typed (its own day, so a time in
    year 9999 is never moved to another time zone)."""

    earliest: datetime.date
    years_ahead: int

    def bounds(self, today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
        return self.earliest, _years_after(today or timezone.localdate(), self.years_ahead)

    def __call__(self, value: datetime.date | datetime.datetime | None) -> None:
        if value is None:
            return
        day = value.date() if isinstance(value, datetime.datetime) else value
        earliest, latest = self.bounds()
        if not earliest <= day <= latest:
            raise ValidationError(
                "Give a date between %(earliest)s and %(latest)s.",
                code="out_of_range",
                params={"earliest": format_date(earliest, "j F Y"), "latest": format_date(latest, "j F Y")},
            )


# What happened at the library (an interaction, a complaint's day, a card's date) and the
# filters over those records: nothing before the app's first record, and at most a year
# ahead, which leaves room for a clock that is wrong or a date typed for the coming days
# while refusing the slipped digit (2062 for 2026) that a record's own rule may not catch.
EVENTS = DateWindow(FIRST_RECORD_DAY, years_ahead=1)
# What is planned (a policy taking effect): a library decides that some years ahead, not more.
PLANS = DateWindow(FIRST_RECORD_DAY, years_ahead=5)


class BoundedDateField(forms.DateField):
    """A date inside `window` (EVENTS unless told)."""

    def __init__(self, *, window: DateWindow = EVENTS, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(window)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "min": FIRST_RECORD_DAY.isoformat()}


class BoundedDateTimeField(forms.DateTimeField):
    """A date and time whose day is inside `window` (EVENTS unless told)."""

    def __init__(self, *, window: DateWindow = EVENTS, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(window)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "min": f"{FIRST_RECORD_DAY.isoformat()}T00:00"}
