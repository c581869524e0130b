"""Reports read from the replica when one is configured (DATABASE_REPLICA_URL), only while a
report is built, and never the access record; writes and migrations stay on the primary."""

import pytest
from django.conf import settings
from django.test import override_settings

from interactions.models import Interaction
from reports.replica import ReportsReplicaRouter, reporting
from staff.models import AccessRecord, LibrarySettings

router = ReportsReplicaRouter()


@override_settings(REPORTS_DATABASE="replica")
def test_a_reports_read_goes_to_the_replica():
    with reporting():
        assert router.db_for_read(Interaction) == "replica"
        assert router.db_for_read(LibrarySettings) == "replica"


@override_settings(REPORTS_DATABASE="replica")
def test_the_desks_reads_stay_on_the_primary():
    assert router.db_for_read(Interaction) is None


@override_settings(REPORTS_DATABASE="replica")
def test_the_access_record_is_read_on_the_primary_even_in_a_report():
    with reporting():
        assert router.db_for_read(AccessRecord) == "default"


@override_settings(REPORTS_DATABASE="replica")
def test_writes_and_migrations_stay_on_the_primary():
    with reporting():
        assert router.db_for_write(Interaction) is None
    assert router.allow_migrate("replica", "interactions") is False
    assert router.allow_migrate("default", "interactions") is True


def test_without_a_replica_reports_read_the_primary():
    assert settings.REPORTS_DATABASE == "default"
    with reporting():
        assert router.db_for_read(Interaction) is None


def test_the_reporting_block_ends_even_on_an_error():
    with pytest.raises(ValueError):
        with reporting():
            raise ValueError
    with override_settings(REPORTS_DATABASE="replica"):
        assert router.db_for_read(Interaction) is None


def test_the_router_is_installed():
    assert "reports.replica.ReportsReplicaRouter" in settings.DATABASE_ROUTERS


def test_the_replica_comes_from_its_url(monkeypatch):
    """servicedesk/settings.py reads DATABASE_REPLICA_URL; tests mirror it onto the default."""
    import importlib

    import servicedesk.settings as module

    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://reader:secret@replica.internal:5432/servicedesk")
    try:
        fresh = importlib.reload(module)
        assert fresh.DATABASES["replica"]["HOST"] == "replica.internal"
        assert fresh.DATABASES["replica"]["USER"] == "reader"
        assert fresh.DATABASES["replica"]["TEST"] == {"MIRROR": "default"}
        assert fresh.REPORTS_DATABASE == "replica"
    finally:
        monkeypatch.delenv("DATABASE_REPLICA_URL")
        importlib.reload(module)
