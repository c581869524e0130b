"""The access record's triggers, lifted for a moment as only the table's owner can: to
empty the test database between transactional tests (Django's flush TRUNCATEs on
PostgreSQL and DELETEs on SQLite, which the triggers refuse), and for the tests that play
an attacker who owns the table."""

from contextlib import contextmanager
from importlib import import_module

import pytest
from django.db import transaction
from django.db.backends.base.operations import BaseDatabaseOperations

triggers = import_module("staff.migrations.0010_access_record_triggers")


@contextmanager
def access_record_triggers_lifted(connection):
    """Inside a transaction: if it fails, rolling it back brings the triggers back too.
    (PostgreSQL alters no table with foreign-key checks still deferred in the transaction:
    they are run first.)"""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE staff_accessrecord DISABLE TRIGGER USER")
            yield cursor
            cursor.execute("ALTER TABLE staff_accessrecord ENABLE TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            for sql in triggers.SQLITE_DROP:
                cursor.execute(sql)
            yield cursor
            for sql in triggers.SQLITE_CREATE:
                cursor.execute(sql)


@pytest.fixture(autouse=True, scope="session")
def flush_past_the_access_record_triggers():
    """Django's flush, between transactional tests, empties every table including the
    access record."""
    flush = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        with access_record_triggers_lifted(self.connection):
            flush(self, sql_list)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseDatabaseOperations, "execute_sql_flush", execute_sql_flush)
        yield
