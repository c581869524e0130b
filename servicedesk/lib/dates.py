import datetime

from django.utils import timezone


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The start of `day` and of the next day, in the library's time zone."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)
    return start, datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
