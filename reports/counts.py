"""The counts every interaction report is drawn from, added up in the database from the
interactions' counts (interactions/rollup.py: per hour, per day and kind, by every
statistical field per month and per day, and the checklist per day and item), which the
services keep current as staff log, correct, undo and void: a year of a library system is a
few tens of thousands of count rows there, against half a million interactions. Voided
interactions are in none of them. Days and hours are the library's (TIME_ZONE), as the
counts are kept.

Only the statistical part is read: no patron, no note, no staff member."""

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce, ExtractIsoWeekDay

from interactions.models import BreakdownCount, DayCount, HourCount, InteractionKind, TickCount
from interactions.rollup import breakdown_of

# The breakdown's fields, in the order of its rows (a service point's branch is its own), and
# what the report adds them up by: each alone, and the outcome with the alternative offered.
DIMENSIONS = ("kind", "channel", "effort", "outcome", "alternative", "service_point")
MARGINS = (("kind",), ("channel",), ("effort",), ("outcome", "alternative"), ("service_point",))


def _memo(query, key, compute):
    if key not in query.memo:
        query.memo[key] = compute()
    return query.memo[key]


def reference_kinds(query) -> set[int]:
    """The kinds that count as reference transactions (InteractionKind.counts_as_reference)."""
    return _memo(
        query, "reference_kinds", lambda: set(InteractionKind.objects.filter(counts_as_reference=True).values_list("pk", flat=True))
    )


def kinds(query) -> dict[int, InteractionKind]:
    return _memo(query, "kinds", lambda: InteractionKind.objects.in_bulk())


def _counts(model, query):
    """The model's count rows of the period, inside the report's scope (the counts carry
    the branch and service point an interaction was logged at, as interactions do)."""
    return model.objects.filter(query.scope, day__gte=query.filters.start, day__lte=query.filters.end)


def by_hour(query) -> list[dict]:
    """Rows of weekday (1 Monday to 7 Sunday), hour and n (interactions): a year is 168 rows,
    not one a day and hour."""
    return _memo(
        query,
        "by_hour",
        lambda: list(
            _counts(HourCount, query).values("hour", weekday=ExtractIsoWeekDay("day")).annotate(n=Sum("interactions")).order_by()
        ),
    )


def by_day(query) -> list[dict]:
    """Rows of day, branch, n (interactions) and reference (those of a kind that counts)."""

    def compute():
        reference = Sum("interactions", filter=Q(kind__in=reference_kinds(query)))
        return list(
            _counts(DayCount, query)
            .values("day", "branch")
            .annotate(n=Sum("interactions"), reference=Coalesce(reference, 0))
            .order_by()
        )

    return _memo(query, "by_day", compute)


def by_dimensions(query) -> list[tuple]:
    """Tuples of the DIMENSIONS and n, to be added up by each of the MARGINS, where a None
    is a dimension the row does not count by. PostgreSQL adds them up itself (GROUPING SETS):
    a row per value of each margin, a few dozen in all. SQLite has no grouping sets, so it
    gives a row per combination of every dimension, a few thousand a year at most."""

    def compute():
        rows = BreakdownCount.objects.filter(query.scope, breakdown_of(query.filters.start, query.filters.end))
        rows = rows.values_list(*DIMENSIONS).annotate(n=Sum("interactions")).order_by()
        connection = connections[rows.db]
        if connection.vendor != "postgresql":
            return list(rows)
        try:
            sql, params = rows.query.sql_with_params()
        except EmptyResultSet:  # a scope that can hold nothing (no service point of one's own)
            return []
        select, grouped, _ = sql.rpartition(" GROUP BY ")
        if not grouped:
            raise AssertionError(f"No GROUP BY to replace in {sql}")
        table = connection.ops.quote_name(BreakdownCount._meta.db_table)

        def column(name: str) -> str:
            return f"{table}.{connection.ops.quote_name(BreakdownCount._meta.get_field(name).column)}"

        sets = ", ".join("(" + ", ".join(column(name) for name in margin) + ")" for margin in MARGINS)
        with connection.cursor() as cursor:
            cursor.execute(f"{select} GROUP BY GROUPING SETS ({sets})", params)
            return cursor.fetchall()

    return _memo(query, "by_dimensions", compute)


def checklist_shares(query) -> list[dict]:
    """Of the interactions' checklist items, per item: how often shown (a row exists) and ticked."""
    return _memo(
        query,
        "checklist_shares",
        lambda: list(
            _counts(TickCount, query).values("item").annotate(shown=Sum("asked"), ticked=Sum("ticks")).order_by()
        ),
    )
