"""The database refuses to change or empty the access record, on both databases. SQLite gets
triggers refusing UPDATE and DELETE (0004 gave PostgreSQL its row trigger); PostgreSQL gets a
statement trigger refusing TRUNCATE, which row triggers do not see. On PostgreSQL the table's
owner can still switch them off: in production the app connects as a role that does not own
the table (README.md, "Two database roles").

On SQLite, a later migration that makes Django rebuild this table (most field changes
there) drops these triggers with the old table: recreate them in that migration. The tests
that raw UPDATE and DELETE are refused catch it."""

from django.db import migrations

SQLITE_CREATE = [
    f"""CREATE TRIGGER staff_accessrecord_no_{op.lower()} BEFORE {op} ON staff_accessrecord
    BEGIN SELECT RAISE(ABORT, 'The access record is append-only: {op} is refused'); END"""
    for op in ("UPDATE", "DELETE")
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS staff_accessrecord_no_{op}" for op in ("update", "delete")]

# The function of 0004 raises whatever the operation (TG_OP), row or statement.
POSTGRES_CREATE = [
    """CREATE TRIGGER staff_accessrecord_no_truncate BEFORE TRUNCATE ON staff_accessrecord
    FOR EACH STATEMENT EXECUTE FUNCTION staff_accessrecord_append_only()"""
]
POSTGRES_DROP = ["DROP TRIGGER IF EXISTS staff_accessrecord_no_truncate ON staff_accessrecord"]

STATEMENTS = {"sqlite": (SQLITE_CREATE, SQLITE_DROP), "postgresql": (POSTGRES_CREATE, POSTGRES_DROP)}


def create_triggers(apps, schema_editor):
    for sql in STATEMENTS.get(schema_editor.connection.vendor, ([], []))[0]:
        schema_editor.execute(sql, params=None)


def drop_triggers(apps, schema_editor):
    for sql in STATEMENTS.get(schema_editor.connection.vendor, ([], []))[1]:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("staff", "0009_access_record_chain")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
