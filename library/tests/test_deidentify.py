import datetime

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from interactions.models import Interaction
from interactions.tests.factories import InteractionFactory
from patrons.tests.factories import PatronFactory
from staff.models import AccessRecord, LibrarySettings


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def history(reference_desk, desk):
    patron = PatronFactory()
    old = InteractionFactory(service_point=reference_desk, staff=desk, patron=patron, note="old secret", occurred_at=days_ago(120), effort=3)
    recent = InteractionFactory(service_point=reference_desk, staff=desk, patron=patron, note="recent secret", occurred_at=days_ago(10), effort=2)
    return old, recent


def statistics():
    return list(
        Interaction.objects.values("kind", "effort", "outcome", "channel", "service_point", "occurred_at")
        .annotate(n=Count("pk"))
        .order_by("occurred_at")
    )


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("deidentify", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_says_what_would_change_and_changes_nothing(history):
    old, _ = history
    output = run("--dry-run")
    assert "1 interactions would lose" in output
    old.refresh_from_db()
    assert old.note == "old secret" and old.patron_id is not None
    assert not AccessRecord.objects.filter(action=AccessRecord.Action.DEIDENTIFY).exists()


def test_only_records_past_the_period_lose_patron_and_note_and_statistics_stay(history):
    old, recent = history
    before = statistics()
    output = run()
    assert "1 interactions lost their patron link and note" in output
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.patron_id, old.note) == (None, "")
    assert recent.note == "recent secret" and recent.patron_id is not None
    assert statistics() == before
    assert AccessRecord.objects.filter(action=AccessRecord.Action.DEIDENTIFY).count() == 1


def test_the_directors_period_decides(history, director):
    from staff.services import retention_set

    retention_set(by=director, days=5)
    run()
    assert not Interaction.objects.filter(note__contains="secret").exists()


def test_a_second_run_changes_nothing_more(history):
    run()
    assert "0 interactions lost" in run()
    assert LibrarySettings.current().retention_days == 90
