"""When and how long, for the sections of records with a lifecycle (complaints, review
requests, suggestions, waiting patrons, referrals): how long a record waited for a step, as a
median and a 90th percentile computed in the database (reports.percentiles, the one way the
reports compute a percentile), how a wait reads, and the weeks or months a period's records
are counted by.

A wait is measured from the record's receipt to the first step of its timeline that did the
thing (a complaint's "acknowledge"): the timeline keeps its steps after de-identification, so
old records still count. Waits are elapsed time, weekends included: in days for the records
worked over days (their deadlines count business days), in minutes at the desk."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, DateField, DurationField, ExpressionWrapper, F, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth, TruncWeek

from reports.percentiles import Percentile
from reports.tables import percent

# A period up to this long is counted week by week; a longer one, month by month.
WEEKLY_UP_TO_DAYS = 92


def first_step_at(step_model, record_field: str, actions: tuple[str, ...]) -> Subquery:
    """When the record's timeline first took one of `actions`."""
    steps = step_model.objects.filter(**{record_field: OuterRef("pk")}, action__in=actions)
    return Subquery(steps.order_by("at").values("at")[:1])


def elapsed(end: str, start: str = "received_at") -> ExpressionWrapper:
    return ExpressionWrapper(F(end) - F(start), output_field=DurationField())


def waits(**measures) -> dict:
    """For each named wait: its median (`name_p50`), 90th percentile (`name_p90`) and how many
    records it was measured on (`name_n`), as aggregates for .aggregate() or .annotate()."""
    return spreads(**measures) | measured(**measures)


def spreads(**measures) -> dict:
    """For each named wait: its median (`name_p50`) and 90th percentile (`name_p90`)."""
    aggregates = {}
    for name, wait in measures.items():
        aggregates[f"{name}_p50"] = Percentile(wait, 0.5)
        aggregates[f"{name}_p90"] = Percentile(wait, 0.9)
    return aggregates


def measured(**measures) -> dict:
    """For each named wait: how many records it was measured on (`name_n`). A count adds up
    across groups, so a report can count it by its finest breakdown and add it up."""
    return {f"{name}_n": Count(wait) for name, wait in measures.items()}


def medians_among(prefix: str, rows: Q, **measures) -> dict:
    """For each named wait: its median over `rows` alone (`prefix_name_p50`). A breakdown's
    medians taken this way go in the same aggregate as the whole's, so the records are read
    once for all of them (a median does not add up across groups, as a count does)."""
    return {f"{prefix}_{name}_p50": Percentile(wait, 0.5, filter=rows) for name, wait in measures.items()}


def days(wait: datetime.timedelta | None) -> float | None:
    """A wait in days, to a tenth, for a table and its CSV; None when nothing was measured."""
    return None if wait is None else round(wait.total_seconds() / 86400, 1)


def in_words(wait: datetime.timedelta | None) -> str:
    """A wait for a key figure: in hours under a day, else in days."""
    if wait is None:
        return "—"
    hours = wait.total_seconds() / 3600
    if hours < 24:
        return f"{hours:.1f} hours"
    return f"{hours / 24:.1f} days"


def in_minutes(wait: datetime.timedelta | None) -> float | None:
    """A short wait in minutes, to a tenth, for a table and its CSV; None when nothing was measured."""
    return None if wait is None else round(wait.total_seconds() / 60, 1)


def minutes(value: int | None) -> str:
    """Whole minutes for a figure: "12 min", "1 h 05 min", or "—" when there was nothing to time."""
    if value is None:
        return "—"
    if value < 60:
        return f"{value} min"
    return f"{value // 60} h {value % 60:02d} min"


def on_the_clock(wait: datetime.timedelta | None) -> str:
    """A short wait for a key figure, to the nearest minute: "6 min", "4 h 15 min"."""
    return minutes(None if wait is None else round(wait.total_seconds() / 60))


def in_percent(part: int, whole: int) -> str:
    share = percent(part, whole)
    return "—" if share is None else f"{share}%"


@dataclass(frozen=True)
class Buckets:
    """The weeks (from Monday) or months a period is counted by, and how to truncate a date
    or date-time field to them in the database (in the library's time zone)."""

    monthly: bool
    starts: list[datetime.date]

    @property
    def heading(self) -> str:
        return "Month" if self.monthly else "Week of (Monday)"

    def label(self, start: datetime.date) -> str:
        return f"{start:%Y-%m}" if self.monthly else start.isoformat()

    def partial_note(self, start: datetime.date, end: datetime.date) -> list[str]:
        """Said under a trend whose first or last week or month is cut by the period."""
        first, after = self.starts[0], _next(self.starts[-1], self.monthly)
        if first == start and after == end + datetime.timedelta(days=1):
            return []
        return [f"The first and last {'months' if self.monthly else 'weeks'} count only the days inside the period."]

    def trunc(self, field: str):
        return (TruncMonth if self.monthly else TruncWeek)(field, output_field=DateField())


def buckets(start: datetime.date, end: datetime.date) -> Buckets:
    if (end - start).days + 1 <= WEEKLY_UP_TO_DAYS:
        first = start - datetime.timedelta(days=start.weekday())
        return Buckets(False, [first + datetime.timedelta(weeks=n) for n in range((end - first).days // 7 + 1)])
    months = range(start.year * 12 + start.month - 1, end.year * 12 + end.month)
    return Buckets(True, [datetime.date(index // 12, index % 12 + 1, 1) for index in months])


def _next(start: datetime.date, monthly: bool) -> datetime.date:
    if not monthly:
        return start + datetime.timedelta(weeks=1)
    return datetime.date(start.year + start.month // 12, start.month % 12 + 1, 1)
