"""The checklist follow-through section against the hand-counted ticks of
feedback_records.py; scope per role; who sees it; the CSV; the weekly chart's gaps."""

import pytest

from reports.tables import draw
from reports.tests.conftest import PERIOD
from reports.tests.feedback_records import checklists_fortnight  # noqa: F401  (a fixture)
from reports.tests.test_interactions_report import csv_rows, tables_of

pytestmark = pytest.mark.usefixtures("checklists_fortnight")


def test_every_count_of_the_director(director_client):
    response = director_client.get("/reports/", PERIOD)
    assert response.status_code == 200
    tables = tables_of(response, "checklists")
    assert tables["_figures"] == {
        "Checklist items ticked": "69.2%",
        "Interaction": "62.5%",
        "Desk opening": "75.0%",
        "Complaint handling": "100.0%",
    }
    assert tables["weekly"].columns == ["Week of (Monday)", "Interaction", "Desk opening", "Complaint handling"]
    assert tables["weekly"].rows == [["2026-03-02", 83.3, 50.0, 100.0], ["2026-03-09", 0.0, 100.0, None]]
    assert tables["by-checklist"].rows == [
        ["Interaction", 8, 5, 62.5], ["Desk opening", 4, 3, 75.0], ["Complaint handling", 1, 1, 100.0],
    ]
    assert tables["by-item"].rows == [
        ["Greeted with a smile (Interaction)", 4, 3, 75.0],
        ["Follow-up question asked (Interaction)", 4, 2, 50.0],
        ["Desk staffed (Desk opening)", 2, 2, 100.0],
        ["Name tag on (Desk opening)", 2, 1, 50.0],
        ["Listened without judgment (Complaint handling)", 1, 1, 100.0],
    ]
    assert tables["by-item"].summary == (
        "The item least often ticked was “Follow-up question asked (Interaction)”: 50.0% of the 4 times it was asked."
    )


def test_a_week_with_nothing_to_tick_is_a_gap_in_its_line_not_a_zero(director_client):
    svg = draw(tables_of(director_client.get("/reports/", PERIOD), "checklists")["weekly"])
    # Interaction and Desk opening each draw one line through both weeks; Complaint handling,
    # ticked in the first week only, draws its one point and no line.
    assert svg.count("<polyline") == 2
    assert svg.count("<circle") == 5


def test_a_shares_axis_runs_to_100_whatever_the_highest_week(director_client, reference_desk):
    table = tables_of(director_client.get("/reports/", {**PERIOD, "point": reference_desk.pk}), "checklists")["weekly"]
    assert table.rows == [["2026-03-02", 75.0], ["2026-03-09", 0.0]]
    svg = draw(table)
    assert ">100</text>" in svg and ">75</text>" not in svg


def test_a_supervisor_counts_their_branch_only(supervisor_client):
    tables = tables_of(supervisor_client.get("/reports/", PERIOD), "checklists")
    assert tables["_figures"]["Checklist items ticked"] == "63.6%"
    assert tables["by-checklist"].rows[0] == ["Interaction", 6, 3, 50.0]


def test_a_service_point_counts_its_own_ticks(director_client, circulation_desk):
    tables = tables_of(director_client.get("/reports/", {**PERIOD, "point": circulation_desk.pk}), "checklists")
    assert tables["by-checklist"].rows == [["Desk opening", 4, 3, 75.0]]


@pytest.mark.parametrize("persona", ["desk", "eastdesk"])
def test_desk_staff_do_not_see_the_section(persona, request):
    client = request.getfixturevalue(f"{persona}_client")
    response = client.get("/reports/", PERIOD)
    assert "checklists" not in {item.slug for item, _, _ in response.context["results"]}
    assert client.get("/reports/checklists/weekly.csv", PERIOD).status_code == 404


def test_the_weekly_csv(director_client):
    response = director_client.get("/reports/checklists/weekly.csv", PERIOD)
    assert csv_rows(response) == [
        ["Week of (Monday)", "Interaction", "Desk opening", "Complaint handling"],
        ["2026-03-02", "83.3", "50.0", "100.0"],
        ["2026-03-09", "0.0", "100.0", ""],
    ]


def test_a_voided_interactions_checklist_is_not_counted(director_client, desk, reference_desk):
    """As the interactions it belongs to: a voided one's ticks drop out of the follow-through."""
    from django.utils import timezone

    from interactions import rollup
    from interactions.tests.factories import InteractionFactory
    from reports.tests.feedback_records import march, ticks

    noon = timezone.make_aware(timezone.datetime.combine(march(3), timezone.datetime.min.time().replace(hour=12)))
    voided = InteractionFactory(service_point=reference_desk, staff=desk, occurred_at=noon,
                                voided_at=noon, voided_by=desk, void_reason="Logged twice")
    ticks(day=march(3), point=reference_desk, by=desk, checklist="interaction",
          ticked={"Greeted": True, "Follow-up": True}, record_id=voided.pk)
    rollup.rebuild()
    tables = tables_of(director_client.get("/reports/", PERIOD), "checklists")
    assert tables["by-checklist"].rows[0] == ["Interaction", 8, 5, 62.5]
