"""The access record is tamper-evident on both databases: the database refuses to change or
empty it, and every entry is a link of a hash chain that `manage.py verify_access_record`
checks (docs/permissions.md, "What is and is not guaranteed")."""

import datetime
import threading
import time
import zoneinfo
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction
from django.urls import reverse

from staff import chain
from staff.audit import record_access
from staff.models import AccessRecord
from staff.tests.triggers import access_record_triggers_lifted

Action = AccessRecord.Action


@pytest.fixture
def entries(desk, main_branch):
    """Every entry: those the accounts' creation wrote, then thirty of every shape (with and
    without an account, a record, a branch, a detail; text that is not ASCII)."""
    for n in range(1, 31):
        record_access(
            actor=desk if n % 3 else None,
            action=Action.ROLE_CHANGE if n % 2 else Action.SIGN_IN_FAILED,
            record=desk if n % 2 else None,
            branch_id=main_branch.pk if n % 5 == 0 else None,
            username=f"typed-{n}-Zoë",
            detail="granted Supervisor" if n % 2 else "",
        )
    return list(AccessRecord.objects.order_by("pk"))


def verify(*args):
    out = StringIO()
    call_command("verify_access_record", *args, stdout=out)
    return out.getvalue()


def verify_fails(*args) -> str:
    out = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("verify_access_record", *args, stdout=out)
    return f"{out.getvalue()}{refused.value}"


def as_the_tables_owner(sql, params=()):
    """An attacker who owns the table: the triggers off, the statement, the triggers on."""
    with access_record_triggers_lifted(connection) as cursor:
        cursor.execute(sql, params)


# The database refuses ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "statement", ["UPDATE staff_accessrecord SET page = 'x'", "DELETE FROM staff_accessrecord"]
)
def test_the_database_refuses_update_and_delete(entries, statement):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AccessRecord.objects.count() == len(entries)
    assert AccessRecord.objects.filter(page="x").count() == 0


def test_on_postgresql_the_database_refuses_truncate(entries):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE: DELETE without WHERE is refused by its DELETE trigger")
    for statement in ("TRUNCATE staff_accessrecord", "TRUNCATE auth_user CASCADE"):
        with pytest.raises(DatabaseError, match="TRUNCATE is refused"), transaction.atomic():
            with connection.cursor() as cursor:
                # As in a session of its own: no foreign-key check of this test's inserts pending.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(statement)
    assert AccessRecord.objects.count() == len(entries)


# The chain -----------------------------------------------------------------------------------


def test_every_entry_links_to_the_one_before_and_the_chain_verifies(entries):
    assert entries[0].prev_hash == chain.GENESIS
    assert all(entry.prev_hash == before.hash for before, entry in zip(entries, entries[1:], strict=False))
    assert len(entries) > 30 and len({entry.hash for entry in entries}) == len(entries)
    output = verify()
    assert f"{len(entries)} entries checked." in output
    assert f"The chain is intact. Last entry: {entries[-1].pk}:{entries[-1].hash}" in output


def test_an_empty_access_record_is_intact(db):
    assert "The chain is intact (it is empty)." in verify()


def test_the_detail_is_stored_and_hashed(entries):
    # The first of the thirty: the accounts' creation, by no one signed in, wrote "granted Desk staff".
    entry = next(entry for entry in entries if entry.detail and entry.actor_id is not None)
    assert entry.detail == "granted Supervisor"
    fields = {name: getattr(entry, name) for name in chain.HASHED_FIELDS}
    assert chain.entry_hash(fields, entry.prev_hash) == entry.hash
    assert chain.entry_hash({**fields, "detail": "granted Director"}, entry.prev_hash) != entry.hash


def test_the_hash_is_the_same_in_every_time_zone(entries):
    entry = entries[4]
    fields = {name: getattr(entry, name) for name in chain.HASHED_FIELDS}
    elsewhere = {**fields, "at": entry.at.astimezone(zoneinfo.ZoneInfo("Pacific/Kiritimati"))}
    assert chain.entry_hash(elsewhere, entry.prev_hash) == entry.hash
    later = {**fields, "at": entry.at + datetime.timedelta(microseconds=1)}
    assert chain.entry_hash(later, entry.prev_hash) != entry.hash


def test_the_chain_verifies_whatever_the_librarys_time_zone(entries, settings):
    settings.TIME_ZONE = "America/Chicago"
    assert "The chain is intact." in verify()


# Tampering is found, from the right entry ------------------------------------------------------


@pytest.mark.parametrize(
    "column, value",
    [("page", "/elsewhere/"), ("actor_username", "someone-else"), ("detail", "granted Desk staff"), ("at", None)],
)
def test_a_changed_entry_is_a_hash_mismatch_at_that_entry(entries, column, value):
    target = entries[12]
    if column == "at":
        value = target.at - datetime.timedelta(hours=1)
    as_the_tables_owner(f"UPDATE staff_accessrecord SET {column} = %s WHERE id = %s", [value, target.pk])
    message = verify_fails()
    assert f"{len(entries)} entries checked." in message
    assert f"broken from entry {target.pk} (" in message
    assert "hash mismatch" in message and "do not hold, in all: 1." in message


def test_a_removed_entry_breaks_the_link_of_the_next(entries):
    as_the_tables_owner("DELETE FROM staff_accessrecord WHERE id = %s", [entries[7].pk])
    message = verify_fails()
    assert f"broken from entry {entries[8].pk} (" in message
    assert "broken link" in message


def test_a_removed_first_entry_is_found(entries):
    as_the_tables_owner("DELETE FROM staff_accessrecord WHERE id = %s", [entries[0].pk])
    assert f"broken from entry {entries[1].pk} (" in verify_fails()


def test_an_entry_changed_with_a_new_hash_of_its_own_breaks_the_next_link(entries):
    target = entries[20]
    fields = {name: getattr(target, name) for name in chain.HASHED_FIELDS} | {"page": "/elsewhere/"}
    as_the_tables_owner(
        "UPDATE staff_accessrecord SET page = %s, hash = %s WHERE id = %s",
        ["/elsewhere/", chain.entry_hash(fields, target.prev_hash), target.pk],
    )
    message = verify_fails()
    assert f"broken from entry {entries[21].pk} (" in message and "broken link" in message


def test_an_entry_slipped_in_without_the_chain_is_found(entries, desk):
    AccessRecord.objects.create(actor=desk, actor_username="desk", action=Action.SIGN_IN)
    forged = AccessRecord.objects.latest("pk")
    assert f"broken from entry {forged.pk} (" in verify_fails()
    record_access(actor=desk, action=Action.SIGN_IN)
    assert "do not hold, in all: 2." in verify_fails()


def test_a_rewritten_tail_is_found_only_against_a_hash_kept_elsewhere(entries):
    """Someone with the code who rewrites every entry from one on leaves a consistent chain:
    only the last hash printed by an earlier run, kept elsewhere, shows it."""
    kept = f"{entries[-1].pk}:{entries[-1].hash}"
    assert "The chain is intact." in verify("--expect", kept)
    prev_hash = entries[9].hash
    for entry in entries[10:]:
        fields = {name: getattr(entry, name) for name in chain.HASHED_FIELDS} | {"page": "/rewritten/"}
        new_hash = chain.entry_hash(fields, prev_hash)
        as_the_tables_owner(
            "UPDATE staff_accessrecord SET page = %s, prev_hash = %s, hash = %s WHERE id = %s",
            ["/rewritten/", prev_hash, new_hash, entry.pk],
        )
        prev_hash = new_hash
    assert "The chain is intact." in verify()
    message = verify_fails("--expect", kept)
    assert f"entry {entries[-1].pk} carries another hash" in message
    as_the_tables_owner("DELETE FROM staff_accessrecord WHERE id = %s", [entries[-1].pk])
    assert f"entry {entries[-1].pk} is gone" in verify_fails("--expect", kept)


def test_expect_takes_what_an_earlier_run_printed(entries):
    assert "--expect takes ID:HASH" in verify_fails("--expect", "12")


# Appends from two app servers at once -----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_appends_at_once_both_land_in_the_chain(desk):
    """Each thread is an app server with its own connection, holding its transaction open a
    moment after appending: without the turn-taking both would link to the same entry."""
    record_access(actor=desk, action=Action.SIGN_IN)
    start = threading.Barrier(2)
    failures = []

    def append(n):
        try:
            start.wait()
            with transaction.atomic():
                record_access(actor=desk, action=Action.ACCOUNT_CHANGE, detail=f"server {n}")
                time.sleep(0.3)
        except Exception as error:  # noqa: BLE001  (reported by the test thread below)
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=append, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    details = AccessRecord.objects.filter(action=Action.ACCOUNT_CHANGE, actor=desk).values_list("detail", flat=True)
    assert sorted(details) == ["server 1", "server 2"]
    assert "The chain is intact." in verify()


# Shown where the action is shown ----------------------------------------------------------------


def test_the_page_and_its_export_show_the_detail(director_client, director, desk):
    record_access(actor=director, action=Action.ROLE_CHANGE, record=desk, detail="granted Supervisor")
    page = director_client.get(reverse("access_record")).content.decode()
    assert "<th scope=\"col\">Detail</th>" in page and "<td>granted Supervisor</td>" in page
    export = b"".join(director_client.get(reverse("access_record_export")).streaming_content).decode()
    header, *rows = export.splitlines()
    assert header.endswith(",Detail")
    assert any(row.endswith(",granted Supervisor") for row in rows)
