"""The complaints section's numbers against the hand-counted complaints of
feedback_records.py, for the Director and a supervisor; who sees the section; its CSV."""

import datetime

import pytest

from reports.tests.conftest import PERIOD
from reports.tests.feedback_records import complaint, complaints_fortnight  # noqa: F401  (a fixture)
from reports.tests.test_interactions_report import csv_rows, tables_of
from staff.models import AccessRecord

pytestmark = pytest.mark.usefixtures("complaints_fortnight")


def test_every_count_of_the_director(director_client):
    response = director_client.get("/reports/", PERIOD)
    assert response.status_code == 200
    tables = tables_of(response, "complaints")
    assert tables["_figures"] == {
        "Complaints received": "5",
        "Acknowledged within the deadline": "60.0%",
        "Median wait for the acknowledgment": "10.0 hours",
        "Median wait for the resolution or escalation": "3.0 days",
        "Escalated to the Director": "1",
        "Still open": "2",
        "Overdue today": "2",
    }
    assert tables["times"].rows == [
        ["Receipt to acknowledgment", 0.4, 2.6, 4, 60.0],
        ["Receipt to resolution or escalation", 3.0, 5.4, 3, 60.0],
        ["Escalation to the Director's decision", 2.0, 2.0, 1, None],
    ]
    assert tables["received"].rows == [["2026-03-02", 4, 1], ["2026-03-09", 1, 0]]
    assert tables["by-service-point"].rows == [
        ["Main — Reference desk", 2, 1, 0, 0, 1.9, 4.5],
        ["Eastside — Eastside desk", 1, 0, 0, 0, 0.0, 1.0],
        ["Main — Circulation desk", 1, 0, 1, 1, None, None],
        ["Main — No service point (e-mail, letter)", 1, 0, 1, 1, 0.5, None],
    ]
    assert tables["by-branch"].rows == [["Main", 4, 1, 2, 2, 0.5, 4.5], ["Eastside", 1, 0, 0, 0, 0.0, 1.0]]
    assert tables["by-policy"].rows == [
        ["Fines and fees", 2, 40.0, 1],
        ["quiet areas (Code of conduct)", 1, 20.0, 0],
        ["Internet use, section 3", 1, 20.0, 0],
        ["No policy named", 1, 20.0, 0],
    ]


def test_a_supervisor_counts_their_branch_only(supervisor_client):
    tables = tables_of(supervisor_client.get("/reports/", PERIOD), "complaints")
    assert tables["_figures"]["Complaints received"] == "4"
    assert tables["_figures"]["Overdue today"] == "2"
    assert [row[:2] for row in tables["by-service-point"].rows] == [
        ["Reference desk", 2], ["Circulation desk", 1], ["No service point (e-mail, letter)", 1],
    ]
    assert "by-branch" not in tables
    assert [row[:2] for row in tables["by-policy"].rows] == [
        ["Fines and fees", 2], ["Internet use, section 3", 1], ["No policy named", 1],
    ]


def test_the_director_narrows_to_a_service_point(director_client, circulation_desk):
    tables = tables_of(director_client.get("/reports/", {**PERIOD, "point": circulation_desk.pk}), "complaints")
    assert tables["_figures"]["Complaints received"] == "1"
    assert tables["times"].rows[0][1:4] == [None, None, 0]
    assert "by-branch" not in tables


def test_the_de_identified_complaint_still_counts(director_client, complaints_fortnight):  # noqa: F811
    assert complaints_fortnight[1].deidentified_at is not None
    tables = tables_of(director_client.get("/reports/", PERIOD), "complaints")
    assert tables["times"].rows[2][1:4] == [2.0, 2.0, 1]


@pytest.mark.parametrize("persona", ["desk", "eastdesk"])
def test_desk_staff_do_not_see_the_section(persona, request):
    client = request.getfixturevalue(f"{persona}_client")
    response = client.get("/reports/", PERIOD)
    assert response.status_code == 200
    assert "complaints" not in {item.slug for item, _, _ in response.context["results"]}
    assert client.get("/reports/complaints/by-policy.csv", PERIOD).status_code == 404


def test_the_by_service_point_csv_and_its_access_record_entry(supervisor_client, main_branch):
    response = supervisor_client.get("/reports/complaints/by-service-point.csv", PERIOD)
    assert response.status_code == 200
    entry = AccessRecord.objects.filter(action=AccessRecord.Action.EXPORT_REPORT).latest("pk")
    assert entry.detail == f"complaints/by-service-point 2026-03-02..2026-03-15 branch {main_branch.pk}"
    assert csv_rows(response) == [
        ["Service point", "Received", "Escalated to the Director", "Still open", "Overdue today",
         "Median days to acknowledge", "Median days to resolve or escalate"],
        ["Reference desk", "2", "1", "0", "0", "1.9", "4.5"],
        ["Circulation desk", "1", "0", "1", "1", "", ""],
        ["No service point (e-mail, letter)", "1", "0", "1", "1", "0.5", ""],
    ]


def test_the_page_names_no_patron_and_no_words_of_theirs(director_client, complaints_fortnight):  # noqa: F811
    page = director_client.get("/reports/", PERIOD).content.decode()
    assert "printer ate" not in page
    assert complaints_fortnight[0].contact_name not in page


def test_a_reopened_complaint_is_measured_to_its_first_resolution(director_client, desk, reference_desk):
    """Resolved after a day, reopened, resolved again after three: the wait is the first day,
    in the figures and in the breakdowns alike."""
    received = datetime.datetime(2026, 4, 6, 9, tzinfo=datetime.UTC)
    complaint(received=received, point=reference_desk, by=desk,
              steps=[("acknowledge", 2), ("resolve", 24), ("reopen", 30), ("resolve", 72)],
              acknowledge_by=datetime.date(2026, 4, 8), resolve_by=datetime.date(2026, 4, 20))
    april = {"period": "custom", "start": "2026-04-06", "end": "2026-04-12"}
    tables = tables_of(director_client.get("/reports/", april), "complaints")
    assert tables["times"].rows[1][1:4] == [1.0, 1.0, 1]
    assert tables["by-service-point"].rows == [["Reference desk", 1, 0, 0, 0, 0.1, 1.0]]
