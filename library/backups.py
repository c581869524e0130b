"""Backups that restore (README.md, Backups). `manage.py backup` writes one consistent file
dated in UTC: on PostgreSQL `pg_dump -Fc` reading a snapshot exported by the transaction that
also counts the rows, so the counts it prints are exactly what the dump holds; on SQLite a copy
through SQLite's online backup API, safe while the app writes, counted from the copy itself.
`manage.py restore` loads such a file into an empty database only, with the access record's
rows and its append-only triggers, and checks the access record's hash chain afterwards.

Connection details go to pg_dump and pg_restore through the environment (PGPASSWORD and the
like), never on the command line where other users of the machine could read them."""

import datetime
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connections, transaction

from staff import chain

PG_MAGIC = b"PGDMP"
SQLITE_MAGIC = b"SQLite format 3\x00"
KINDS = {"postgresql": ("PostgreSQL", ".dump"), "sqlite": ("SQLite", ".sqlite3")}


class BackupError(Exception):
    """What went wrong, said so that the person running the command knows what to do."""


@dataclass
class Summary:
    """What a backup holds, or a restored database: rows per table and the access record's
    chain (checked from the first entry to the last)."""

    counts: dict[str, int]
    verdict: chain.Verdict

    @property
    def head(self) -> str:
        """The last entry as `verify_access_record --expect` takes it."""
        return f"{self.verdict.last_id}:{self.verdict.last_hash}" if self.verdict.checked else ""

    @property
    def broken(self) -> str:
        """Where the chain breaks, if it does: the backup or the restore is made all the same."""
        first = self.verdict.first_break
        if not first:
            return ""
        return (
            f"THE CHAIN IS BROKEN from entry {first.id} on: {first.reason}. "
            f"Entries that do not hold: {self.verdict.broken:,}. See manage.py verify_access_record."
        )

    def lines(self) -> list[str]:
        rows = [f"  {table}: {count}" for table, count in self.counts.items()]
        total = f"  {len(self.counts)} tables, {sum(self.counts.values()):,} rows."
        if self.broken:
            record = f"Access record: {self.verdict.checked:,} entries. {self.broken}"
        elif self.head:
            record = f"Access record: {self.verdict.checked:,} entries, chain intact. Last entry: {self.head}"
        else:
            record = "Access record: empty."
        return ["Rows per table:", *rows, total, record]


def default_directory() -> Path:
    return Path(settings.BASE_DIR) / "var" / "backups"


def tables(cursor, vendor: str) -> list[str]:
    """The app's tables (not SQLite's own), by name."""
    if vendor == "postgresql":
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    else:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite^_%' ESCAPE '^'")
    return sorted(name for (name,) in cursor.fetchall())


def summarize(cursor, vendor: str) -> Summary:
    """Counts every table and walks the access record's chain, through a DB-API cursor (the
    app's connection, or one opened on a SQLite file)."""
    counts = {}
    for table in tables(cursor, vendor):
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    if "staff_accessrecord" not in counts:
        raise BackupError(
            f"There is no access record among the {len(counts)} tables: this is not the app's database, "
            "or it was never migrated (manage.py migrate)."
        )
    return Summary(counts=counts, verdict=chain.verify(_access_record(cursor)))


def _access_record(cursor, page: int = 5000) -> Iterator[tuple]:
    """The entries as chain.verify reads them, in id order, a page at a time. SQLite keeps an
    entry's time as text in UTC (as Django writes it); PostgreSQL gives it aware."""
    last = 0
    while True:
        cursor.execute(f"SELECT {', '.join(chain.COLUMNS)} FROM staff_accessrecord WHERE id > {last} ORDER BY id LIMIT {page}")
        rows = cursor.fetchall()
        for row in rows:
            at = row[1]
            if isinstance(at, str):
                at = datetime.datetime.fromisoformat(at).replace(tzinfo=datetime.UTC)
            yield (row[0], at, *row[2:])
        if len(rows) < page:
            return
        last = rows[-1][0]


def backup(directory: Path, alias: str = "default") -> tuple[Path, Summary]:
    """Writes the backup into `directory` (made if missing) under a name dated in UTC; the file
    appears under that name only once complete."""
    connection = connections[alias]
    if connection.vendor not in KINDS:
        raise BackupError(f"Backups are made of PostgreSQL or SQLite databases, not {connection.vendor}.")
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    name = Path(connection.settings_dict["NAME"]).stem
    path = directory / f"{name}-{stamp}{KINDS[connection.vendor][1]}"
    if path.exists():
        raise BackupError(f"{path} already exists: a backup was made this very second. Try again.")
    partial = path.with_name(path.name + ".partial")
    try:
        if connection.vendor == "postgresql":
            summary = _pg_dump(alias, partial)
        else:
            summary = _sqlite_copy(alias, partial)
        partial.rename(path)
    finally:
        partial.unlink(missing_ok=True)
    return path, summary


def pg_environment(settings_dict: dict) -> dict[str, str]:
    """The connection for pg_dump and pg_restore, password included, as libpq's variables."""
    env = dict(os.environ)
    given = {
        "PGDATABASE": settings_dict["NAME"],
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": str(settings_dict.get("PORT") or ""),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGSSLMODE": settings_dict.get("OPTIONS", {}).get("sslmode"),
    }
    env.update({key: value for key, value in given.items() if value})
    return env


def run_client(command: list[str], settings_dict: dict) -> None:
    """Runs pg_dump or pg_restore on the database of `settings_dict`; its failure is a BackupError."""
    try:
        done = subprocess.run(command, env=pg_environment(settings_dict), capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} is not installed: install PostgreSQL's client tools "
            "(apt-get install postgresql-client), of the server's major version or newer."
        ) from None
    if done.returncode:
        raise BackupError(f"{command[0]} failed (exit status {done.returncode}): {done.stderr.strip()}")


def _pg_dump(alias: str, path: Path) -> Summary:
    """pg_dump reads the snapshot this transaction exports, and the transaction counts the
    rows in that same snapshot: what the summary says is what the file holds."""
    connection = connections[alias]
    if connection.in_atomic_block:
        raise BackupError("A backup needs its own transaction: run it outside of one.")
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        run_client(["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={path}"], connection.settings_dict)
        return summarize(cursor, "postgresql")


def _sqlite_copy(alias: str, path: Path) -> Summary:
    """SQLite's online backup API copies the database as one read transaction sees it, while
    the app goes on writing; the copy is a single file (not WAL) and is counted itself."""
    connection = connections[alias]
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
        return summarize(copy.cursor(), "sqlite")
    finally:
        copy.close()


def describe(settings_dict: dict) -> str:
    if "sqlite" in settings_dict["ENGINE"]:
        return f"the SQLite file {settings_dict['NAME']}"
    where = f"{settings_dict.get('HOST') or 'the local socket'}:{settings_dict.get('PORT') or 5432}"
    return f"the PostgreSQL database {settings_dict['NAME']} on {where}"


def backup_kind(path: Path) -> str:
    """'postgresql' or 'sqlite', told by the file's first bytes."""
    if not path.is_file():
        what = "a folder" if path.is_dir() else "nothing"
        raise BackupError(
            f"There is {what} at {path}: give the path of a file made by manage.py backup (make backup), "
            f"for instance one listed by: ls {default_directory()}"
        )
    with path.open("rb") as file:
        start = file.read(len(SQLITE_MAGIC))
    if start.startswith(PG_MAGIC):
        return "postgresql"
    if start == SQLITE_MAGIC:
        return "sqlite"
    raise BackupError(
        f"{path} is not a backup made by manage.py backup: it is neither a PostgreSQL dump "
        "(pg_dump --format=custom) nor a SQLite database."
    )


def restore(path: Path, alias: str = "default") -> Summary:
    """Restores the backup at `path` into the database `alias`, which must be empty, then
    counts it and checks the access record's chain."""
    connection = connections[alias]
    kind = backup_kind(path)
    if kind != connection.vendor:
        raise BackupError(
            f"{path} is a backup of a {KINDS[kind][0]} database and cannot go into "
            f"{describe(connection.settings_dict)}. Restore it with DATABASE_URL "
            + ("set to an empty PostgreSQL database." if kind == "postgresql" else "unset and SQLITE_PATH a new file.")
        )
    ensure_empty(alias)
    if kind == "postgresql":
        run_client(
            ["pg_restore", "--no-owner", "--no-acl", "--single-transaction", "--exit-on-error",
             f"--dbname={connection.settings_dict['NAME']}", str(path)],
            connection.settings_dict,
        )
        with connection.cursor() as cursor:
            return summarize(cursor, "postgresql")
    return _sqlite_restore(path, alias)


def ensure_empty(alias: str) -> None:
    """A restore overwrites nothing and mixes nothing in: the database has no table yet."""
    connection = connections[alias]
    where = describe(connection.settings_dict)
    try:
        with connection.cursor() as cursor:
            found = tables(cursor, connection.vendor)
    except DatabaseError as error:
        raise BackupError(
            f"Cannot open {where} to restore into: {' '.join(str(error).split())}. "
            "Create it first, empty (PostgreSQL: createdb NAME; SQLite: a SQLITE_PATH in a folder that exists)."
        ) from None
    if found:
        raise BackupError(
            f"{where[0].upper()}{where[1:]} already holds {len(found)} tables: a backup is restored only into an empty "
            "database, so that nothing in it is overwritten or mixed in. Create a new, empty one (PostgreSQL: "
            "createdb NAME; SQLite: a SQLITE_PATH that does not exist yet), point DATABASE_URL or SQLITE_PATH "
            "at it and restore again."
        )


def _sqlite_restore(path: Path, alias: str) -> Summary:
    connection = connections[alias]
    connection.close()
    source = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
    try:
        check = source.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"{path} is damaged ({check}): restore another backup.")
        if not source.execute("SELECT 1 FROM sqlite_master WHERE name = 'django_migrations'").fetchone():
            raise BackupError(f"{path} is a SQLite database but not a backup of this app (it has no django_migrations).")
        target = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            source.backup(target)
            return summarize(target.cursor(), "sqlite")
        finally:
            target.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} could not be read as a SQLite database: {error}.") from None
    finally:
        source.close()
