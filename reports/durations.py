"""How long things took (a wait, an acknowledgment, an answer), for reports that give a median
and a 90th percentile. Neither SQLite nor Django has a percentile aggregate, so the database
groups the rows by whole minutes (MinutesBetween) and counts each: a few hundred rows of
(minutes, how many) however many records, from which `percentile` reads the answer exactly,
to the minute."""

from collections import Counter

from django.db.models import DateTimeField, Func, IntegerField


class MinutesBetween(Func):
    """The whole minutes from `start` to `end` (rounded down); NULL if either is."""

    arity = 2
    output_field = IntegerField()

    def _difference(self, compiler, connection):
        (start_sql, start_params), (end_sql, end_params) = (compiler.compile(e) for e in self.source_expressions)
        return connection.ops.subtract_temporals(
            DateTimeField().get_internal_type(), (end_sql, end_params), (start_sql, start_params)
        )

    def as_sql(self, compiler, connection, **extra_context):
        # PostgreSQL: end - start is an interval; its seconds (date_part gives a float, quicker
        # than EXTRACT's numeric), floored to minutes.
        sql, params = self._difference(compiler, connection)
        return f"CAST(FLOOR(date_part('epoch', {sql}) / 60) AS INTEGER)", params

    def as_sqlite(self, compiler, connection, **extra_context):
        # Django's django_timestamp_diff gives whole microseconds; integer division floors.
        sql, params = self._difference(compiler, connection)
        return f"({sql} / 60000000)", params


def percentile(histogram: Counter, percent: int) -> int | None:
    """The smallest number of minutes that `percent` of the records took at most (the
    nearest-rank percentile): with 50 the median (half took this long or less), with 90 the
    90th percentile. None when there is nothing to count."""
    total = sum(histogram.values())
    if not total:
        return None
    needed, reached = -(-percent * total // 100), 0
    for minutes in sorted(histogram):
        reached += histogram[minutes]
        if reached >= needed:
            return minutes


def minutes(value: int | None) -> str:
    """A figure's text: "12 min", "1 h 05 min", or "—" when there was nothing to time."""
    if value is None:
        return "—"
    if value < 60:
        return f"{value} min"
    return f"{value // 60} h {value % 60:02d} min"
