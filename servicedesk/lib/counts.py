"""Counts that stop at a bound: a queue's status links say "1000+" rather than count every row
of a large table on every request.

A person choosing a queue filter needs to know whether it holds a few records or very many,
not that it holds 19,874: `bounded_counts` counts each bucket up to `BOUND` and no further, so
its cost stops growing with the table (each bucket reads at most BOUND + 1 rows, by index where
one matches). All buckets go in one query, as the aggregate they replace did.
"""

from django.db import connections
from django.db.models import Q, QuerySet

BOUND = 1000


class AtLeast(int):
    """A count that reached the bound: it compares as the bound and shows as "1000+"."""

    def __str__(self) -> str:
        return f"{int(self):,}+"


def bounded_counts(queryset: QuerySet, buckets: dict[str, Q], bound: int = BOUND) -> dict[str, int]:
    """For each bucket, how many rows of `queryset` match its condition, up to `bound` (an
    `AtLeast` beyond it). One query."""
    selects, params = [], []
    for index, condition in enumerate(buckets.values()):
        sql, bucket_params = queryset.filter(condition).order_by().values("pk")[: bound + 1].query.sql_with_params()
        selects.append(f"(SELECT COUNT(*) FROM ({sql}) AS bucket_{index})")
        params.extend(bucket_params)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects), params)
        row = cursor.fetchone()
    return {name: AtLeast(bound) if count > bound else count for name, count in zip(buckets, row)}
