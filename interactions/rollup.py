"""The reports' counts of interactions (HourCount, DayCount, BreakdownCount, TickCount),
kept current by every write: a logged interaction adds to them, an undone or voided one
takes away, a correction moves its count (and its checklist's) from the old key to the new
one. What the services write here is what `rebuild` would count from the interactions, and
the tests hold the two equal.

Two desks logging in the same hour add to the same row: each write is one INSERT ... ON
CONFLICT DO UPDATE SET interactions = interactions + excluded.interactions (PostgreSQL and
SQLite alike), which the database applies atomically, so no count is lost to a race; the rows
of one write go in key order, so two writes never wait on each other's rows in opposite
orders. A count that reaches 0 is deleted, so a kind or desk with no interaction left has no
row either.

Days and hours are the library's (TIME_ZONE), as on the desk's log: a change of TIME_ZONE
needs `manage.py rebuild_counts`."""

import datetime
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import Count, DateField, Q, Value
from django.db.models.functions import ExtractHour, TruncDate, TruncMonth
from django.utils import timezone

from interactions.models import BreakdownCount, DayCount, HourCount, Interaction, TickCount
from policy.models import ChecklistTick
from servicedesk.lib.dates import day_bounds


@dataclass
class Tally:
    """Counts by key of each table: what some interactions count, or (a difference of two)
    the changes to write, negative where a count is taken away."""

    hours: Counter = field(default_factory=Counter)
    days: Counter = field(default_factory=Counter)
    breakdowns: Counter = field(default_factory=Counter)
    asked: Counter = field(default_factory=Counter)
    ticks: Counter = field(default_factory=Counter)

    def add(self, interaction: Interaction, ticks: Mapping[int, bool]) -> None:
        """One interaction and its checklist (item pk: ticked), on its day and hour here."""
        local = timezone.localtime(interaction.occurred_at)
        day, where = local.date(), (interaction.branch_id, interaction.service_point_id)
        self.hours[day, local.hour, *where] += 1
        self.days[day, *where, interaction.kind_id] += 1
        fields = (
            interaction.kind_id, interaction.channel, interaction.effort, interaction.outcome, interaction.alternative,
        )
        self.breakdowns[BreakdownCount.Grain.DAY, day, *where, *fields] += 1
        self.breakdowns[BreakdownCount.Grain.MONTH, day.replace(day=1), *where, *fields] += 1
        for item, ticked in ticks.items():
            self.add_tick((day, *where, item), ticked)

    def add_tick(self, key: tuple, ticked: bool) -> None:
        """One checklist item of an interaction: key (day, branch, service point, item)."""
        self.asked[key] += 1
        self.ticks[key] += ticked

    def __sub__(self, other: "Tally") -> "Tally":
        difference = Tally()
        for name in ("hours", "days", "breakdowns", "asked", "ticks"):
            mine, theirs = getattr(self, name), getattr(other, name)
            getattr(difference, name).update({key: mine[key] - theirs[key] for key in mine.keys() | theirs.keys()})
        return difference


def count(entries: Iterable[tuple[Interaction, Mapping[int, bool]]]) -> None:
    """Add interactions just saved, each with its checklist (item pk: ticked)."""
    tally = Tally()
    for interaction, ticks in entries:
        tally.add(interaction, ticks)
    apply(tally)


@contextmanager
def recounting(pks: Iterable[int]) -> Iterator[None]:
    """Around a change to saved interactions (a correction, a void, an undo, a move in
    time): what they counted before comes off, what they count after goes on. Their rows
    are locked meanwhile (on PostgreSQL), so that two changes to one interaction cannot
    both take off what it counted before. Call it in a transaction."""
    pks = list(pks)
    before = _tally_of(pks)
    yield
    apply(_tally_of(pks) - before)


def _tally_of(pks: list[int]) -> Tally:
    """What the interactions count now, read from the database (the voided ones nothing);
    their checklist rows by the day and place each row carries, as `rebuild` counts them."""
    tally = Tally()
    locked = Interaction.objects.select_for_update().filter(pk__in=pks).order_by("pk")
    interactions = [interaction for interaction in locked if not interaction.is_voided]
    for interaction in interactions:
        tally.add(interaction, {})
    ticks = ChecklistTick.objects.filter(
        content_type=ContentType.objects.get_for_model(Interaction), object_id__in=[i.pk for i in interactions]
    )
    for *key, ticked in ticks.values_list("day", "branch", "service_point", "item", "ticked"):
        tally.add_tick(tuple(key), ticked)
    return tally


def apply(tally: Tally) -> None:
    """Write a tally's changes: one upsert a table, and the counts that reached 0 deleted."""
    _upsert(HourCount, {"interactions": tally.hours})
    _upsert(DayCount, {"interactions": tally.days})
    _upsert(BreakdownCount, {"interactions": tally.breakdowns})
    _upsert(TickCount, {"asked": tally.asked, "ticks": tally.ticks})


def _upsert(model: type[models.Model], changes: Mapping[str, Counter]) -> None:
    """Add `changes` (per value column, the change by key) to `model`'s rows, making the
    missing ones."""
    keys = sorted({key for counter in changes.values() for key, change in counter.items() if change})
    if not keys:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    key_fields = [model._meta.get_field(name) for name in model.KEY]
    key_columns = [quote(f.column) for f in key_fields]
    value_columns = [quote(name) for name in changes]
    width = len(key_columns) + len(value_columns)
    row = f"({', '.join(['%s'] * width)})"
    increments = ", ".join(f"{column} = {table}.{column} + excluded.{column}" for column in value_columns)
    per_statement = (connection.features.max_query_params or 10_000) // width
    with connection.cursor() as cursor:
        for start in range(0, len(keys), per_statement):
            chunk = keys[start : start + per_statement]
            params = []
            for key in chunk:
                params += [f.get_db_prep_value(value, connection) for f, value in zip(key_fields, key, strict=True)]
                params += [counter[key] for counter in changes.values()]
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(key_columns + value_columns)}) VALUES {', '.join([row] * len(chunk))} "
                f"ON CONFLICT ({', '.join(key_columns)}) DO UPDATE SET {increments}",
                params,
            )
    if any(change < 0 for counter in changes.values() for change in counter.values()):
        counted = next(iter(changes))  # interactions, or asked: ticks are a part of it
        days = {key[model.KEY.index("day")] for key in keys}
        model._default_manager.filter(day__in=days, **{counted: 0}).delete()


def breakdown_of(start: datetime.date, end: datetime.date) -> Q:
    """The BreakdownCount rows that add up to the days start..end (both included): the
    months inside the period, whole, and the days of the months it cuts."""
    first = start if start.day == 1 else next_month(start)
    after = next_month(end) if next_month(end) - datetime.timedelta(days=1) == end else end.replace(day=1)
    if first >= after:
        return Q(grain=BreakdownCount.Grain.DAY, day__gte=start, day__lte=end)
    return (
        Q(grain=BreakdownCount.Grain.MONTH, day__gte=first, day__lt=after)
        | Q(grain=BreakdownCount.Grain.DAY, day__gte=start, day__lt=first)
        | Q(grain=BreakdownCount.Grain.DAY, day__gte=after, day__lte=end)
    )


# Recounting from the interactions -----------------------------------------------------------

def counted_in(start: datetime.date | None, end: datetime.date | None):
    """The counted interactions of the library's days start..end (either open)."""
    interactions = Interaction.objects.counted()
    if start is not None:
        interactions = interactions.filter(occurred_at__gte=day_bounds(start)[0])
    if end is not None:
        interactions = interactions.filter(occurred_at__lt=day_bounds(end)[1])
    return interactions


def whole_months(start: datetime.date | None, end: datetime.date | None) -> tuple:
    """start..end widened to the months they fall in, which a month's counts need whole."""
    if start is not None:
        start = start.replace(day=1)
    if end is not None:
        end = next_month(end) - datetime.timedelta(days=1)
    return start, end


def next_month(day: datetime.date) -> datetime.date:
    """The first day of the month after `day`'s."""
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def _days(start, end) -> Q:
    return Q(**{key: value for key, value in (("day__gte", start), ("day__lte", end)) if value is not None})


@transaction.atomic
def rebuild(start: datetime.date | None = None, end: datetime.date | None = None) -> dict[str, int]:
    """Count the library's days start..end (both included, widened to whole months; None:
    from the first, to the last) again from the interactions and their checklists, in
    place of what the tables held for those days. Returns the rows written per table."""
    start, end = whole_months(start, end)
    for model in (HourCount, DayCount, BreakdownCount, TickCount):
        model.objects.filter(_days(start, end)).delete()
    interactions = counted_in(start, end).annotate(day=TruncDate("occurred_at"))
    where = ("branch", "service_point")
    fields = ("kind", "channel", "effort", "outcome", "alternative")
    counted = {"interactions": Count("pk")}
    written = {
        "hours": _insert(HourCount, interactions.values("day", *where, hour=ExtractHour("occurred_at")), counted),
        "days": _insert(DayCount, interactions.values("day", *where, "kind"), counted),
    }
    grains = {
        BreakdownCount.Grain.DAY: interactions.values("day", *where, *fields),
        BreakdownCount.Grain.MONTH: counted_in(start, end).values(*where, *fields, day=TruncMonth("occurred_at", output_field=DateField())),
    }
    written["breakdowns"] = sum(
        _insert(BreakdownCount, rows.annotate(grain=Value(grain)), counted) for grain, rows in grains.items()
    )
    voided = Interaction.objects.filter(voided_at__isnull=False).values("pk")
    interaction_type = ContentType.objects.get_for_model(Interaction)
    # An interaction's checklist rows carry its service point (0011_count_logged_interactions).
    ticks = (
        ChecklistTick.objects.filter(_days(start, end), content_type=interaction_type, service_point__isnull=False)
        .exclude(object_id__in=voided)
        .values("day", *where, "item")
    )
    checklist = {"asked": Count("pk"), "ticks": Count("pk", filter=Q(ticked=True))}
    written["ticks"] = _insert(TickCount, ticks, checklist)
    return written


BATCH = 5_000


def _insert(model: type[models.Model], groups, counts: dict) -> int:
    """Save the groups' counts (`groups` named as the model's fields, ids for the keys)."""
    written, batch = 0, []
    for row in groups.annotate(**counts).order_by().iterator(chunk_size=BATCH):
        batch.append(model(**{model._meta.get_field(name).attname: value for name, value in row.items()}))
        if len(batch) == BATCH:
            written += len(model.objects.bulk_create(batch))
            batch = []
    return written + len(model.objects.bulk_create(batch))
