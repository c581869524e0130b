"""Counts that stop at a bound: a queue's status links say "1000+", and its pages "Page 1 of
41+", rather than count every row of a large table on every request.

A person choosing a queue filter needs to know whether it holds a few records or very many,
not that it holds 19,874: `bounded_counts` counts each bucket up to `BOUND` and no further, so
its cost stops growing with the table (each bucket reads at most BOUND + 1 rows, by index where
one matches). All buckets go in one query, as the aggregate they replace did.
"""

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Q, QuerySet
from django.utils.functional import cached_property

BOUND = 1000


class AtLeast(int):
    """A count that reached the bound: it compares as the bound and shows as "1000+"."""

    def __str__(self) -> str:
        return f"{int(self):,}+"


def bounded_counts(queryset: QuerySet, buckets: dict[str, Q], bound: int = BOUND) -> dict[str, int]:
    """For each bucket, how many rows of `queryset` match its condition, up to `bound` (an
    `AtLeast` beyond it). One query."""
    sql, params = _counting_sql(queryset, buckets, bound)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return {name: AtLeast(bound) if count > bound else count for name, count in zip(buckets, row)}


# The counting query of a queue, by what it is built from: a queue asks the same buckets of the
# same scope on every request, and building its SQL (a subquery per bucket) cost several times
# what running it does. The SQL is a pure function of the key; each process keeps a few hundred.
_COUNTING_SQL: dict[tuple, tuple[str, list]] = {}
_COUNTING_SQL_KEPT = 256


def _counting_sql(queryset: QuerySet, buckets: dict[str, Q], bound: int) -> tuple[str, list]:
    base = queryset.order_by()
    key = (queryset.db, *base.query.sql_with_params(), tuple(buckets.items()), bound)
    if key not in _COUNTING_SQL:
        selects, params = [], []
        for index, condition in enumerate(buckets.values()):
            sql, bucket_params = base.filter(condition).values("pk")[: bound + 1].query.sql_with_params()
            selects.append(f"(SELECT COUNT(*) FROM ({sql}) AS bucket_{index})")
            params.extend(bucket_params)
        if len(_COUNTING_SQL) >= _COUNTING_SQL_KEPT:
            _COUNTING_SQL.clear()
        _COUNTING_SQL[key] = ("SELECT " + ", ".join(selects), params)
    return _COUNTING_SQL[key]


class BoundedPaginator(Paginator):
    """A queue's pages, counted no further than `bound` rows or the end of the page asked for,
    whichever is further: "1,000+ complaints", "Page 1 of 41+", with Next as long as rows
    remain. Its count reads at most that many rows (LIMIT in a subquery), so it costs the same
    on a table of a thousand rows or a million; only a page far down the queue counts more.
    Give it a queryset."""

    def __init__(self, object_list: QuerySet, per_page: int, bound: int = BOUND):
        super().__init__(object_list, per_page)
        self.reach = bound

    def validate_number(self, number):
        if "count" not in self.__dict__:  # the page asked for is counted to its end
            try:
                asked = int(number)
            except (TypeError, ValueError):
                asked = 1
            self.reach = max(self.reach, max(asked, 1) * self.per_page)
        return super().validate_number(number)

    @cached_property
    def count(self) -> int:
        counted = self.object_list.order_by().values("pk")[: self.reach + 1].count()
        return AtLeast(self.reach) if counted > self.reach else counted

    @cached_property
    def num_pages(self) -> int:
        if isinstance(self.count, AtLeast):
            # More rows than were counted: at least one page beyond them.
            return AtLeast(self.count // self.per_page + 1)
        return super().num_pages
