"""Every CSV export is recorded in the access record: who, which table, which period and
place; never a number or an identity."""

from staff.models import AccessRecord
from reports.tests.conftest import PERIOD


def test_an_export_is_recorded(supervisor_client, supervisor, fortnight, circulation_desk):
    before = AccessRecord.objects.count()
    response = supervisor_client.get("/reports/interactions/by-channel.csv", {**PERIOD, "point": circulation_desk.pk})
    assert response.status_code == 200
    entry = AccessRecord.objects.order_by("-pk").first()
    assert AccessRecord.objects.count() == before + 1
    assert entry.actor == supervisor
    assert entry.action == AccessRecord.Action.EXPORT_REPORT
    assert entry.branch_id == circulation_desk.branch_id
    assert entry.detail == f"interactions/by-channel 2026-03-02..2026-03-15 service point {circulation_desk.pk}"
    assert entry.page == "/reports/interactions/by-channel.csv"


def test_viewing_the_page_is_not_an_export(director_client, fortnight):
    before = AccessRecord.objects.filter(action=AccessRecord.Action.EXPORT_REPORT).count()
    director_client.get("/reports/", PERIOD)
    assert AccessRecord.objects.filter(action=AccessRecord.Action.EXPORT_REPORT).count() == before


def test_an_unknown_table_is_not_found_and_not_recorded(director_client, fortnight):
    before = AccessRecord.objects.count()
    assert director_client.get("/reports/interactions/patrons.csv", PERIOD).status_code == 404
    assert director_client.get("/reports/nosuch/by-kind.csv", PERIOD).status_code == 404
    assert AccessRecord.objects.count() == before


def test_the_page_links_each_csv_with_the_dates_shown(director_client, fortnight):
    page = director_client.get("/reports/", {"period": "last-year"}).content.decode()
    assert "/reports/interactions/by-kind.csv?period=custom&amp;start=2025-01-01&amp;end=2025-12-31" in page


def test_a_kind_named_like_a_formula_is_written_as_text(director_client, fortnight):
    kind = fortnight[0].kind
    kind.name = "=HYPERLINK(1)"
    kind.save()
    content = director_client.get("/reports/interactions/by-kind.csv", PERIOD).content.decode()
    assert "'=HYPERLINK(1)" in content
