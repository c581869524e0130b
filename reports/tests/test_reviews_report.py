"""The collection-review section's numbers against the hand-counted requests of
feedback_records.py; scope per role; a chosen service point counts its branch; the CSV."""

import pytest

from reports.tests.conftest import PERIOD
from reports.tests.feedback_records import reviews_fortnight  # noqa: F401  (a fixture)
from reports.tests.test_interactions_report import csv_rows, tables_of

pytestmark = pytest.mark.usefixtures("reviews_fortnight")


def test_every_count_of_the_director(director_client):
    response = director_client.get("/reports/", PERIOD)
    assert response.status_code == 200
    tables = tables_of(response, "reviews")
    assert tables["_figures"] == {
        "Requests received": "4",
        "Acknowledged within the deadline": "33.3%",
        "Median wait for the decision": "7.0 days",
        "Decided within the deadline": "66.7%",
        "Appealed to the Director": "1",
        "Still open": "2",
        "Overdue today": "1",
    }
    assert tables["times"].rows == [
        ["Receipt to acknowledgment", 2.0, 2.8, 2, 33.3],
        ["Receipt to decision", 7.0, 9.4, 2, 66.7],
        ["Appeal to the Director's decision", 3.0, 3.0, 1, None],
    ]
    assert tables["by-outcome"].rows == [["Retain", 2, 50.0, 1], ["Not decided yet", 2, 50.0, 0]]
    assert tables["by-format"].rows == [["Book", 3, 75.0], ["DVD or video", 1, 25.0]]
    assert tables["by-branch"].rows == [["Main", 3, 1, 1, 1, 7.0], ["Eastside", 1, 1, 0, 0, None]]


def test_a_supervisor_counts_their_branch_only(supervisor_client):
    tables = tables_of(supervisor_client.get("/reports/", PERIOD), "reviews")
    assert tables["_figures"]["Requests received"] == "3"
    assert tables["_figures"]["Still open"] == "1"
    assert tables["by-format"].rows == [["Book", 2, 66.7], ["DVD or video", 1, 33.3]]
    assert "by-branch" not in tables


def test_a_service_point_counts_its_branchs_requests_and_says_so(director_client, east_desk):
    response = director_client.get("/reports/", {**PERIOD, "point": east_desk.pk})
    tables = tables_of(response, "reviews")
    assert tables["_figures"]["Requests received"] == "1"
    assert "Review requests are kept by branch, not service point: these count all of Eastside." in tables["by-format"].notes
    assert "these count all of Eastside" in response.content.decode()


def test_desk_staff_do_not_see_the_section(desk_client):
    response = desk_client.get("/reports/", PERIOD)
    assert "reviews" not in {item.slug for item, _, _ in response.context["results"]}
    assert desk_client.get("/reports/reviews/by-outcome.csv", PERIOD).status_code == 404


def test_the_by_outcome_csv(director_client):
    response = director_client.get("/reports/reviews/by-outcome.csv", PERIOD)
    assert csv_rows(response) == [
        ["Decision", "Requests", "Share (%)", "Appealed to the Director"],
        ["Retain", "2", "50.0", "1"],
        ["Not decided yet", "2", "50.0", "0"],
    ]
    assert "Book of Things" not in response.content.decode()
