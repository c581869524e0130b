"""manage.py backup and restore, on the database the suite runs on (SQLite or PostgreSQL):
the round trip into a new database (restored by `manage.py restore` in its own process, as
people run it), and the refusals."""

import os
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from io import StringIO
from urllib.parse import quote

import psycopg2
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from library import backups
from patrons.tests.factories import PatronFactory
from staff.audit import record_access
from staff.models import AccessRecord
from staff.tests.triggers import access_record_triggers_lifted


def run(*args, **options):
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def empty_database(tmp_path):
    """The settings of a new, empty database on the suite's engine, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield {**connection.settings_dict, "NAME": str(tmp_path / "restored.sqlite3")}
        return
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {name}")
    yield {**connection.settings_dict, "NAME": name}
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def manage(*args, database):
    """manage.py in its own process, on `database`."""
    env = {**os.environ, "DEBUG": "1"}
    if connection.vendor == "sqlite":
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = database["NAME"]
    else:
        login = quote(database["USER"]) + (f":{quote(database['PASSWORD'])}" if database["PASSWORD"] else "")
        env["DATABASE_URL"] = f"postgres://{login}@{database['HOST']}:{database['PORT'] or 5432}/{database['NAME']}"
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )


def open_database(database):
    """A plain DB-API connection, outside the test's own."""
    if connection.vendor == "sqlite":
        return sqlite3.connect(database["NAME"], isolation_level=None)
    opened = psycopg2.connect(
        dbname=database["NAME"], user=database["USER"], password=database["PASSWORD"],
        host=database["HOST"], port=database["PORT"] or 5432,
    )
    opened.autocommit = True
    return opened


@pytest.fixture
def some_records():
    PatronFactory.create_batch(3)
    for username in ("first", "second"):
        record_access(actor=None, action=AccessRecord.Action.SIGN_IN_FAILED, username=username)


@pytest.fixture
def backup_file(tmp_path):
    def make():
        run("backup", dir=tmp_path / "backups")
        (path,) = (tmp_path / "backups").iterdir()
        return path

    return make


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_new_database_with_every_row_its_chain_and_its_triggers(
    some_records, tmp_path, empty_database
):
    with connection.cursor() as cursor:
        original = backups.summarize(cursor, connection.vendor)
    assert original.counts["patrons_patron"] == 3 and original.verdict.checked == 2
    out = run("backup", dir=tmp_path / "backups")
    (path,) = (tmp_path / "backups").iterdir()
    assert re.fullmatch(r".+-\d{8}T\d{6}Z\.(dump|sqlite3)", path.name)
    assert f"{path} ({path.stat().st_size:,} bytes)" in out
    assert "  patrons_patron: 3\n" in out
    assert f"Last entry: {original.head}" in out and f"--expect {original.head}" in out

    restored = manage("restore", str(path), database=empty_database)
    assert restored.returncode == 0, restored.stderr
    assert "  patrons_patron: 3\n" in restored.stdout and f"Last entry: {original.head}" in restored.stdout
    verified = manage("verify_access_record", "--expect", original.head, database=empty_database)
    assert f"The chain is intact. Last entry: {original.head}" in verified.stdout, verified.stderr
    with closing(open_database(empty_database)) as copy:
        assert backups.summarize(copy.cursor(), connection.vendor).counts == original.counts
        statements = ["UPDATE staff_accessrecord SET page = 'changed'", "DELETE FROM staff_accessrecord"]
        if connection.vendor == "postgresql":
            statements.append("TRUNCATE staff_accessrecord")
        for sql in statements:
            with pytest.raises((sqlite3.Error, psycopg2.Error), match="append-only"):
                copy.cursor().execute(sql)


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_a_broken_chain_is_written_and_the_command_fails_naming_the_entry(some_records, tmp_path):
    first = AccessRecord.objects.order_by("pk").first()
    with access_record_triggers_lifted(connection) as cursor:
        cursor.execute("UPDATE staff_accessrecord SET detail = 'rewritten' WHERE id = %s", [first.pk])
    with pytest.raises(CommandError, match=f"THE CHAIN IS BROKEN from entry {first.pk} on: hash mismatch"):
        run("backup", dir=tmp_path / "backups")
    (path,) = (tmp_path / "backups").iterdir()
    assert path.stat().st_size > 0 and not path.name.endswith(".partial")


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_has_tables_and_changes_nothing(some_records, backup_file):
    path = backup_file()
    PatronFactory()
    before = counts()
    with pytest.raises(CommandError, match=r"already holds \d+ tables: a backup is restored only into an empty database"):
        run("restore", str(path))
    assert counts() == before


def counts():
    with connection.cursor() as cursor:
        return backups.summarize(cursor, connection.vendor).counts


def test_restore_says_what_is_wrong_with_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match=f"There is nothing at {tmp_path / 'nope.dump'}: give the path of a file made by"):
        run("restore", str(tmp_path / "nope.dump"))
    with pytest.raises(CommandError, match=f"There is a folder at {tmp_path}"):
        run("restore", str(tmp_path))


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a backup")
    with pytest.raises(CommandError, match="is not a backup made by manage.py backup: it is neither a PostgreSQL dump"):
        run("restore", str(path))


def test_restore_refuses_a_backup_of_the_other_database(db, tmp_path):
    other = "SQLite" if connection.vendor == "postgresql" else "PostgreSQL"
    path = tmp_path / "other"
    path.write_bytes(backups.SQLITE_MAGIC if other == "SQLite" else backups.PG_MAGIC + b"\x01\x0e")
    with pytest.raises(CommandError, match=f"is a backup of a {other} database and cannot go into"):
        run("restore", str(path))


def test_a_database_that_cannot_be_opened_is_named(tmp_path):
    """PostgreSQL: a database not created yet; SQLite: a path that is a folder."""
    missing = {**connection.settings_dict, "NAME": str(tmp_path)}
    if connection.vendor == "postgresql":
        missing["NAME"] = "sd_no_such_database"
    path = tmp_path / "backup"
    path.write_bytes(backups.PG_MAGIC if connection.vendor == "postgresql" else backups.SQLITE_MAGIC)
    refused = manage("restore", str(path), database=missing)
    assert refused.returncode == 1
    assert re.search(f"Cannot open .*{missing['NAME']}.* to restore into: .*Create it first", refused.stderr)


def test_pg_dump_gets_the_password_from_the_environment_not_the_command_line(monkeypatch):
    calls = []
    monkeypatch.setattr(backups.subprocess, "run", lambda command, env, **kw: calls.append((command, env)) or Done())
    database = {"NAME": "sd", "HOST": "db.internal", "PORT": 5433, "USER": "owner", "PASSWORD": "s3cret", "OPTIONS": {}}
    backups.run_client(["pg_dump", "--format=custom"], database)
    ((command, env),) = calls
    assert "s3cret" not in " ".join(command)
    assert (env["PGPASSWORD"], env["PGHOST"], env["PGPORT"], env["PGUSER"], env["PGDATABASE"]) == (
        "s3cret", "db.internal", "5433", "owner", "sd"
    )


class Done:
    returncode = 0
    stderr = ""
