"""Percentiles computed in the database, the one way the reports compute one: the median and
the 90th percentile of how long a complaint waited for its acknowledgment, a patron on the
waiting list to be served, a referral to be answered, over every record of a period, without
fetching one row per record.

PostgreSQL has the SQL standard's ordered-set aggregate, `percentile_cont(f) WITHIN GROUP
(ORDER BY x)`, for numbers and intervals alike. SQLite (development and the tests) has none,
so one with the same answer is registered on each SQLite connection, in Python, as Django
registers STDDEV_POP and VAR_POP there for its own aggregates."""

from django.db.backends.signals import connection_created
from django.db.models import Aggregate

FUNCTION = "PERCENTILE_CONT"


class Percentile(Aggregate):
    """The continuous percentile `fraction` (0.5: the median) of `expression` over the rows of
    each group, interpolated between the two nearest values as PostgreSQL does; NULLs are left
    out, and a group without a value gives None. Its type is the expression's: a duration
    gives a timedelta."""

    function = FUNCTION
    name = "Percentile"
    arity = 1
    window_compatible = False

    def __init__(self, expression, fraction: float, **extra):
        if not 0 <= fraction <= 1:
            raise ValueError(f"A percentile is a fraction from 0 to 1, not {fraction!r}.")
        self.fraction = float(fraction)
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        template = f"%(function)s({self.fraction!r}) WITHIN GROUP (ORDER BY %(expressions)s)%(filter)s"
        return super().as_sql(compiler, connection, template=template, **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        template = f"%(function)s(%(expressions)s, {self.fraction!r})%(filter)s"
        return super().as_sql(compiler, connection, template=template, **extra_context)


class SQLitePercentile:
    """PERCENTILE_CONT(value, fraction) for SQLite: the same interpolation as PostgreSQL's."""

    def __init__(self):
        self.values = []
        self.fraction = 0.5

    def step(self, value, fraction):
        self.fraction = fraction
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return interpolate(sorted(self.values), self.fraction)


def interpolate(ordered: list, fraction: float):
    """The value at `fraction` of the way along `ordered`, between its two nearest values."""
    if not ordered:
        return None
    position = fraction * (len(ordered) - 1)
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def register_on_sqlite(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate(FUNCTION, 2, SQLitePercentile)


def connect() -> None:
    connection_created.connect(register_on_sqlite, dispatch_uid="reports.percentiles")
