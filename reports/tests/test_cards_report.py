"""The comment cards and purchase suggestions section against the hand-counted records of
feedback_records.py; scope per role; the CSV."""

import pytest

from reports.tests.conftest import PERIOD
from reports.tests.feedback_records import cards_fortnight, suggestions_fortnight  # noqa: F401  (fixtures)
from reports.tests.test_interactions_report import csv_rows, tables_of

pytestmark = pytest.mark.usefixtures("cards_fortnight", "suggestions_fortnight")


def test_every_count_of_the_director(director_client):
    response = director_client.get("/reports/", PERIOD)
    assert response.status_code == 200
    tables = tables_of(response, "cards")
    assert tables["_figures"] == {
        "Comment cards received": "5",
        "Compliments among them": "40.0%",
        "Cards still open": "3",
        "Card replies overdue today": "1",
        "Purchase suggestions received": "5",
        "Suggestions said yes to (of those decided)": "50.0%",
        "Median wait for a decision on a suggestion": "3.0 days",
    }
    assert tables["cards-by-kind"].rows == [
        ["Compliment", 2, 40.0, 1, 0],
        ["Complaint", 1, 20.0, 1, 1],
        ["Question", 1, 20.0, 0, 0],
        ["Suggestion", 1, 20.0, 1, 0],
    ]
    assert tables["suggestions-by-outcome"].rows == [
        ["Not decided yet", 1, 20.0],
        ["Accepted", 1, 20.0],
        ["Ordered", 1, 20.0],
        ["Declined", 2, 40.0],
    ]
    assert "nine in ten within 5.4 days" in tables["suggestions-by-outcome"].notes[0]
    assert tables["by-branch"].rows == [["Main", 4, 3, 4, 2], ["Eastside", 1, 0, 1, 0]]


def test_a_supervisor_counts_their_branch_only(supervisor_client):
    tables = tables_of(supervisor_client.get("/reports/", PERIOD), "cards")
    assert tables["_figures"]["Comment cards received"] == "4"
    assert tables["_figures"]["Suggestions said yes to (of those decided)"] == "66.7%"
    assert [row[:2] for row in tables["cards-by-kind"].rows] == [["Compliment", 2], ["Complaint", 1], ["Suggestion", 1]]
    assert "by-branch" not in tables


@pytest.mark.parametrize("persona", ["desk", "eastdesk"])
def test_desk_staff_do_not_see_the_section(persona, request):
    client = request.getfixturevalue(f"{persona}_client")
    response = client.get("/reports/", PERIOD)
    assert "cards" not in {item.slug for item, _, _ in response.context["results"]}
    assert client.get("/reports/cards/cards-by-kind.csv", PERIOD).status_code == 404


def test_the_cards_by_kind_csv(supervisor_client):
    response = supervisor_client.get("/reports/cards/cards-by-kind.csv", PERIOD)
    assert csv_rows(response) == [
        ["Kind", "Cards", "Share (%)", "Still open", "Reply overdue today"],
        ["Compliment", "2", "50.0", "1", "0"],
        ["Complaint", "1", "25.0", "1", "1"],
        ["Suggestion", "1", "25.0", "1", "0"],
    ]
    assert "quiet study" not in response.content.decode()
