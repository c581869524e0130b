"""Writing many rows at once, for the demo's volume (`manage.py seed_demo --interactions ...`).

`bulk_insert(model, rows)` saves unsaved model instances and gives each its primary key. On
PostgreSQL it reserves the keys from the table's sequence in one query and streams the rows
with COPY (psycopg2's `copy_expert`), several times faster than INSERT for the big tables
(interactions, their checklist ticks); elsewhere it is `bulk_create`.

The columns are the model's concrete fields, read from its `_meta`: a field added to the
model (say `Interaction.branch`) is written as soon as the rows carry its value, with no
change here. Values go through each field's own `get_db_prep_value`, as `save()` does.
"""

import datetime
import io
import uuid
from collections.abc import Sequence

from django.db import connection, models

COPY_NULL = r"\N"
COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_text(value) -> str:
    """One value in COPY's text format."""
    if value is None:
        return COPY_NULL
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, int | float | uuid.UUID):
        return str(value)
    return str(value).translate(COPY_ESCAPES)


def reserve_keys(model: type[models.Model], count: int) -> list[int]:
    """`count` primary keys from the table's sequence, as INSERT would take them."""
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, pk, count]
        )
        return [row[0] for row in cursor.fetchall()]


def bulk_insert(model: type[models.Model], rows: Sequence[models.Model]) -> None:
    """Save `rows` (unsaved instances of `model`), each getting its primary key. Call it in
    a transaction: COPY writes all rows or none."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(rows)
        return
    for row, key in zip(rows, reserve_keys(model, len(rows)), strict=True):
        row.pk = key
    fields = model._meta.concrete_fields
    buffer = io.StringIO()
    for row in rows:
        buffer.write(
            "\t".join(copy_text(field.get_db_prep_value(field.pre_save(row, add=True), connection)) for field in fields)
        )
        buffer.write("\n")
    buffer.seek(0)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN", buffer)
