"""The reports' counts (interactions/rollup.py) follow every write, against hand-counted rows:
log, correct, undo, void, de-identify, and `manage.py rebuild_counts`.

The morning, Monday 2 March 2026 (UTC, the tests' time zone), at Main:
| # | when  | where       | kind        | channel   | checklist                        |
| A | 10:15 | reference   | Reference   | in person | greet and follow-up ticked       |
| B | 10:40 | reference   | Reference   | in person | nothing ticked                   |
| C | 11:05 | circulation | Directional | phone     | the defaults (greet)             |
A and B: the hour 10 at the reference desk counts 2; C: the hour 11 at circulation, 1. The
interaction checklist asks greet, follow-up and invite-to-return of each; the phone checklist
asks its two items of C only."""

import datetime
import io
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connections, transaction
from django.utils import timezone

from interactions.models import BreakdownCount, DayCount, HourCount, Interaction, InteractionKind, TickCount
from interactions.services import (
    interaction_correct,
    interaction_log,
    interaction_undo,
    interaction_void,
    interactions_deidentify,
)
from interactions.tests import counting
from patrons.tests.factories import PatronFactory
from policy.models import ChecklistItem

MONDAY = datetime.date(2026, 3, 2)


def at(hour: int, minute: int = 0, day: int = 2) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=datetime.UTC)


def item(key: str, checklist: str = "interaction") -> ChecklistItem:
    return ChecklistItem.objects.get(checklist__key=checklist, principle_key=key)


@pytest.fixture
def morning(desk, reference_desk, circulation_desk):
    reference = InteractionKind.objects.get(name="Reference")
    directional = InteractionKind.objects.get(name="Directional")
    a, _ = interaction_log(by=desk, service_point=reference_desk, kind=reference, occurred_at=at(10, 15),
                           patron=PatronFactory(), note="Wanted her late husband's letters",
                           checklist={item("greet").pk, item("follow-up").pk})
    b, _ = interaction_log(by=desk, service_point=reference_desk, kind=reference, occurred_at=at(10, 40), checklist=set())
    c, _ = interaction_log(by=desk, service_point=circulation_desk, kind=directional, occurred_at=at(11, 5),
                           channel="phone")
    return a, b, c


def hours() -> dict:
    return {(row.day, row.hour, row.service_point.name): row.interactions for row in HourCount.objects.select_related("service_point")}


def days() -> dict:
    return {(row.day, row.service_point.name, row.kind.name): row.interactions
            for row in DayCount.objects.select_related("service_point", "kind")}


def breakdowns(grain: str = "day") -> dict:
    rows = BreakdownCount.objects.filter(grain=grain).select_related("service_point", "kind")
    return {(row.day, row.service_point.name, row.kind.name, row.channel, row.effort, row.outcome): row.interactions
            for row in rows}


def checklist(point) -> dict:
    return {row.item.principle_key: (row.asked, row.ticks)
            for row in TickCount.objects.filter(service_point=point).select_related("item")}


def checklist_by_day(point) -> dict:
    return {(row.day, row.item.principle_key): (row.asked, row.ticks)
            for row in TickCount.objects.filter(service_point=point).select_related("item")}


def assert_counts_are_the_interactions():
    assert counting.kept() == counting.counted()


def test_logging_counts_the_hour_the_day_the_month_and_the_checklist(morning, reference_desk, circulation_desk):
    assert hours() == {(MONDAY, 10, "Reference desk"): 2, (MONDAY, 11, "Circulation desk"): 1}
    assert days() == {(MONDAY, "Reference desk", "Reference"): 2, (MONDAY, "Circulation desk", "Directional"): 1}
    assert breakdowns("day") == {(MONDAY, "Reference desk", "Reference", "in_person", 1, "answered"): 2,
                                 (MONDAY, "Circulation desk", "Directional", "phone", 1, "answered"): 1}
    march = datetime.date(2026, 3, 1)
    assert breakdowns("month") == {(march, "Reference desk", "Reference", "in_person", 1, "answered"): 2,
                                   (march, "Circulation desk", "Directional", "phone", 1, "answered"): 1}
    assert checklist(reference_desk) == {"greet": (2, 1), "follow-up": (2, 1), "invite-to-return": (2, 0)}
    assert checklist(circulation_desk) == {"greet": (1, 1), "follow-up": (1, 0), "invite-to-return": (1, 0),
                                           "identify-the-library": (1, 0), "offer-callback": (1, 0)}
    assert_counts_are_the_interactions()


def test_a_correction_moves_the_count_and_the_checklist(morning, director, reference_desk):
    a, _, _ = morning
    directional = InteractionKind.objects.get(name="Directional")
    interaction_correct(interaction=a, by=director, version=a.version, occurred_at=at(14, 30, day=3), kind=directional,
                        channel="phone", checklist={item("identify-the-library", "phone").pk})
    tuesday = MONDAY + datetime.timedelta(days=1)
    assert hours() == {(MONDAY, 10, "Reference desk"): 1, (tuesday, 14, "Reference desk"): 1,
                       (MONDAY, 11, "Circulation desk"): 1}
    assert days()[MONDAY, "Reference desk", "Reference"] == 1
    assert days()[tuesday, "Reference desk", "Directional"] == 1
    assert breakdowns("day")[tuesday, "Reference desk", "Directional", "phone", 1, "answered"] == 1
    assert breakdowns("month") == {
        (datetime.date(2026, 3, 1), "Reference desk", "Reference", "in_person", 1, "answered"): 1,
        (datetime.date(2026, 3, 1), "Reference desk", "Directional", "phone", 1, "answered"): 1,
        (datetime.date(2026, 3, 1), "Circulation desk", "Directional", "phone", 1, "answered"): 1,
    }
    assert checklist_by_day(reference_desk) == {
        (MONDAY, "greet"): (1, 0), (MONDAY, "follow-up"): (1, 0), (MONDAY, "invite-to-return"): (1, 0),
        (tuesday, "greet"): (1, 0), (tuesday, "follow-up"): (1, 0), (tuesday, "invite-to-return"): (1, 0),
        (tuesday, "identify-the-library"): (1, 1), (tuesday, "offer-callback"): (1, 0),
    }
    assert_counts_are_the_interactions()


def test_a_time_corrected_to_another_day_takes_its_checklist_along(morning, director, reference_desk):
    """Corrected without touching its checklist: the checklist still counts on its day."""
    a, _, _ = morning
    interaction_correct(interaction=a, by=director, version=a.version, occurred_at=at(9, 0, day=3))
    tuesday = MONDAY + datetime.timedelta(days=1)
    assert a.checklist_ticks.filter(day=tuesday).count() == 3
    assert checklist_by_day(reference_desk) == {
        (MONDAY, "greet"): (1, 0), (MONDAY, "follow-up"): (1, 0), (MONDAY, "invite-to-return"): (1, 0),
        (tuesday, "greet"): (1, 1), (tuesday, "follow-up"): (1, 1), (tuesday, "invite-to-return"): (1, 0),
    }
    assert_counts_are_the_interactions()


def test_a_voided_interaction_leaves_the_counts(morning, supervisor, reference_desk):
    _, b, _ = morning
    interaction_void(interaction=b, by=supervisor, reason="Logged twice", version=b.version)
    assert hours()[MONDAY, 10, "Reference desk"] == 1
    assert days()[MONDAY, "Reference desk", "Reference"] == 1
    assert breakdowns("month")[datetime.date(2026, 3, 1), "Reference desk", "Reference", "in_person", 1, "answered"] == 1
    assert checklist(reference_desk) == {"greet": (1, 1), "follow-up": (1, 1), "invite-to-return": (1, 0)}
    assert_counts_are_the_interactions()


def test_an_undone_interaction_leaves_no_row_behind(desk, reference_desk):
    """The last interaction of a key taken back: its rows go, not a 0 left in a report."""
    kind = InteractionKind.objects.get(name="Technology")
    interaction, _ = interaction_log(by=desk, service_point=reference_desk, kind=kind)
    assert DayCount.objects.filter(kind=kind).count() == 1 and TickCount.objects.exists()
    interaction_undo(interaction=interaction, by=desk)
    for model in (HourCount, DayCount, BreakdownCount, TickCount):
        assert not model.objects.exists()


def test_a_refused_change_changes_no_count(morning, desk, supervisor):
    _, b, _ = morning
    interaction_void(interaction=b, by=supervisor, reason="Logged twice", version=b.version)
    before = counting.kept()
    with pytest.raises(ValidationError):
        interaction_void(interaction=b, by=supervisor, reason="Again", version=b.version)
    with pytest.raises(ValidationError):
        interaction_correct(interaction=b, by=supervisor, version=b.version, effort=3)
    assert counting.kept() == before


def test_de_identified_interactions_count_the_same(morning):
    before = counting.kept()
    assert interactions_deidentify(before=timezone.now()) == 1
    assert Interaction.objects.filter(patron__isnull=False).count() == 0
    assert counting.kept() == before
    assert_counts_are_the_interactions()


def test_two_desks_logging_the_same_second_both_count(migrated_data, desk, desk2, reference_desk):
    """Each thread is an app server with its own connection; both add to the same hour's
    row, one holding its transaction open while the other writes."""
    kind = InteractionKind.objects.get(name="Directional")
    start = threading.Barrier(2)
    failures = []

    def log(by):
        try:
            start.wait()
            with transaction.atomic():
                interaction_log(by=by, service_point=reference_desk, kind=kind, occurred_at=at(10, 15))
                time.sleep(0.3)
        except Exception as error:  # noqa: BLE001  (reported by the test thread below)
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=log, args=(by,)) for by in (desk, desk2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert hours() == {(MONDAY, 10, "Reference desk"): 2}
    assert days() == {(MONDAY, "Reference desk", "Directional"): 2}
    assert checklist(reference_desk)["greet"] == (2, 2)
    assert_counts_are_the_interactions()


# manage.py rebuild_counts ---------------------------------------------------------------------


def rebuild(*args) -> str:
    out = io.StringIO()
    call_command("rebuild_counts", *args, stdout=out)
    return out.getvalue()


def test_the_command_counts_again_what_was_lost(morning, supervisor):
    _, b, _ = morning
    interaction_void(interaction=b, by=supervisor, reason="Logged twice", version=b.version)
    expected = counting.kept()
    HourCount.objects.update(interactions=99)
    for model in (DayCount, BreakdownCount, TickCount):
        model.objects.all().delete()
    assert (
        "Counted the interactions from the first day to the last again: 2 hour rows, 2 day rows, 4 breakdown rows "
        "and 8 checklist rows" in rebuild()
    )
    assert counting.kept() == expected
    assert_counts_are_the_interactions()


def test_the_command_counts_the_months_of_the_days_asked(morning, desk, reference_desk):
    """Widened to whole months, as a month's counts need; another month's row (here wrong on
    purpose) is left as it is."""
    reference = InteractionKind.objects.get(name="Reference")
    interaction_log(by=desk, service_point=reference_desk, kind=reference,
                    occurred_at=datetime.datetime(2026, 2, 27, 9, tzinfo=datetime.UTC))
    HourCount.objects.update(interactions=99)
    assert "from 2026-03-01 to 2026-03-31" in rebuild("--from", "2026-03-04", "--to", "2026-03-04")
    assert hours() == {(MONDAY, 10, "Reference desk"): 2, (MONDAY, 11, "Circulation desk"): 1,
                       (datetime.date(2026, 2, 27), 9, "Reference desk"): 99}


def test_after_a_change_of_time_zone_the_command_counts_in_the_new_one(morning, settings):
    """10:15 UTC is 04:15 in Chicago (winter time)."""
    settings.TIME_ZONE = "America/Chicago"
    rebuild()
    assert hours() == {(MONDAY, 4, "Reference desk"): 2, (MONDAY, 5, "Circulation desk"): 1}
    assert_counts_are_the_interactions()


def test_a_dry_run_changes_nothing(morning):
    HourCount.objects.update(interactions=99)
    assert "Dry run, nothing changed. It would count 3 interactions again" in rebuild("--dry-run")
    assert set(hours().values()) == {99}


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "2026-02-30"], "“2026-02-30” is not a date: give it as YYYY-MM-DD"),
        (["--from", "2026-03-05", "--to", "2026-03-04"], "--to comes on or after --from: swap the dates."),
    ],
)
def test_the_command_says_what_to_fix(db, args, message):
    with pytest.raises(CommandError, match=message):
        rebuild(*args)
