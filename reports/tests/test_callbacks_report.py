"""The callbacks section against a hand-counted fortnight (2 to 15 March 2026, UTC).

| # | taken           | where             | due    | how it ended                  | calls without an answer |
| 1 | Mon 2 Mar 10:00 | Main, reference   | 12:00  | done 11:30 (on time)          | 0 |
| 2 | Mon 2 Mar 15:00 | Main, reference   | 17:00  | done Tue 10:00 (late)         | 1 |
| 3 | Tue 3 Mar 09:00 | Main, circulation | 11:00  | closed: no answer, Tue 16:00  | 3 |
| 4 | Wed 4 Mar 10:00 | Main, circulation | 12:00  | cancelled 10:30               | 0 |
| 5 | Thu 12 Mar 14:00| Main, reference   | 16:00  | still open (overdue now)      | 1 |
| 6 | Mon 2 Mar 11:00 | Eastside          | 13:00  | done 12:59 (on time)          | 2 |
and outside the period: Sun 1 Mar 23:59 (done), Mon 16 Mar 00:30 (open, due an hour ago),
and one taken an hour ago at Main's circulation desk, due in an hour.

Every branch: 6 taken; done by the due time 2 (1, 6), late 1 (2), no answer 1, cancelled 1,
open 1; 10 calls (1 + 2 + 3 + 0 + 1 + 3). Open now: 3, of which 2 overdue (5 and the 16 March
one). Main: 5 taken."""

import datetime

import pytest
from django.utils import timezone

from desk.models import Callback
from desk.tests.factories_callbacks import CallbackFactory
from reports.filters import Filters
from reports.sections import build, sections_for
from reports.tests.conftest import PERIOD
from reports.tests.test_interactions_report import csv_rows, tables_of

Status = Callback.Status


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=datetime.UTC)


@pytest.fixture
def callbacks(desk, eastdesk, reference_desk, circulation_desk, east_desk):
    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    rows = [
        (at(2, 10), reference_desk, at(2, 12), Status.DONE, at(2, 11, 30), 0),
        (at(2, 15), reference_desk, at(2, 17), Status.DONE, at(3, 10), 1),
        (at(3, 9), circulation_desk, at(3, 11), Status.UNANSWERED, at(3, 16), 3),
        (at(4, 10), circulation_desk, at(4, 12), Status.CANCELLED, at(4, 10, 30), 0),
        (at(12, 14), reference_desk, at(12, 16), Status.SCHEDULED, None, 1),
        (at(2, 11), east_desk, at(2, 13), Status.DONE, at(2, 12, 59), 2),
        (at(1, 23, 59), reference_desk, datetime.datetime(2026, 3, 2, 1, tzinfo=datetime.UTC), Status.DONE, at(2, 0, 30), 0),
        (datetime.datetime(2026, 3, 16, 0, 30, tzinfo=datetime.UTC), reference_desk, now - hour, Status.SCHEDULED, None, 0),
        (now - hour, circulation_desk, now + hour, Status.SCHEDULED, None, 0),
    ]
    return [
        CallbackFactory(
            created_at=created, service_point=point, due_at=due, status=status, finished_at=finished, attempts=attempts,
            created_by=eastdesk if point == east_desk else desk,
        )
        for created, point, due, status, finished, attempts in rows
    ]


def test_every_count_of_the_director(director_client, callbacks):
    tables = tables_of(director_client.get("/reports/", PERIOD), "callbacks")
    assert tables["_figures"] == {
        "Callbacks taken": "6",
        "Done by the due time (of those done)": "66.7%",
        "Done late": "1",
        "Closed: no answer": "1",
        "Open now": "3",
        "Overdue now": "2",
    }
    assert tables["outcomes"].rows == [
        ["Done by the due time", 2, 33.3], ["Done late", 1, 16.7], ["Closed: no answer", 1, 16.7],
        ["Cancelled", 1, 16.7], ["Still open", 1, 16.7],
    ]
    assert tables["by-service-point"].rows == [
        ["Eastside — Eastside desk", 1, 1, 0, 0, 0, 0, 100.0],
        ["Main — Circulation desk", 2, 0, 0, 1, 1, 0, None],
        ["Main — Reference desk", 3, 1, 1, 0, 0, 1, 50.0],
    ]
    assert tables["calls"].rows == [
        ["0 calls", 0, 0, 1, 1], ["1 call", 1, 0, 1, 2], ["2 calls", 1, 0, 0, 1], ["3 calls", 1, 1, 0, 2],
    ]
    assert tables["outcomes"].summary == (
        "Of 6 callbacks taken: 3 done (2 by the due time), 1 closed with no answer, 1 still open."
    )
    assert tables["calls"].summary == "10 calls for 6 callbacks; 1 of the 3 done got through at the first call."
    assert tables["open-now"].rows == [["Main — Circulation desk", 1, 0], ["Main — Reference desk", 2, 2]]


def test_a_supervisor_counts_their_branch_only(supervisor_client, callbacks):
    tables = tables_of(supervisor_client.get("/reports/", PERIOD), "callbacks")
    assert tables["_figures"]["Callbacks taken"] == "5"
    assert tables["_figures"]["Done by the due time (of those done)"] == "50.0%"
    assert [row[:2] for row in tables["by-service-point"].rows] == [["Circulation desk", 2], ["Reference desk", 3]]
    assert tables["open-now"].rows == [["Circulation desk", 1, 0], ["Reference desk", 2, 2]]


def test_desk_staff_at_another_branch_count_theirs_only(eastdesk_client, callbacks):
    tables = tables_of(eastdesk_client.get("/reports/", PERIOD), "callbacks")
    assert tables["_figures"]["Callbacks taken"] == "1"
    assert tables["_figures"]["Open now"] == "0"
    assert tables["open-now"].rows == []


def test_a_service_point_chosen_counts_that_desk_only(director_client, callbacks, circulation_desk):
    tables = tables_of(director_client.get("/reports/", {**PERIOD, "point": circulation_desk.pk}), "callbacks")
    assert tables["_figures"]["Callbacks taken"] == "2"
    assert tables["_figures"]["Done by the due time (of those done)"] == "—"
    assert tables["open-now"].rows == [["Circulation desk", 1, 0]]


def test_a_directors_rows_name_the_branch_unless_one_is_chosen(director_client, callbacks, main_branch, east_desk):
    """Both branches may have a desk of the same name."""
    east_desk.name = "Circulation desk"
    east_desk.save()
    every = tables_of(director_client.get("/reports/", PERIOD), "callbacks")["by-service-point"]
    assert [row[0] for row in every.rows] == ["Eastside — Circulation desk", "Main — Circulation desk", "Main — Reference desk"]
    main = tables_of(director_client.get("/reports/", {**PERIOD, "branch": main_branch.pk}), "callbacks")["by-service-point"]
    assert [row[0] for row in main.rows] == ["Circulation desk", "Reference desk"]


def test_a_due_time_moved_later_is_the_one_that_counts(director_client, callbacks):
    late = callbacks[1]
    late.due_at = at(3, 12)
    late.save()
    tables = tables_of(director_client.get("/reports/", PERIOD), "callbacks")
    assert tables["outcomes"].rows[:2] == [["Done by the due time", 3, 50.0], ["Done late", 0, 0.0]]


def test_the_outcomes_csv(director_client, callbacks):
    response = director_client.get("/reports/callbacks/outcomes.csv", PERIOD)
    assert response.status_code == 200
    assert csv_rows(response) == [
        ["Outcome", "Callbacks", "Share (%)"],
        ["Done by the due time", "2", "33.3"],
        ["Done late", "1", "16.7"],
        ["Closed: no answer", "1", "16.7"],
        ["Cancelled", "1", "16.7"],
        ["Still open", "1", "16.7"],
    ]
    content = response.content.decode()
    assert "Harold Benn" not in content and "555-0112" not in content


def test_the_page_never_shows_the_caller(director_client, callbacks):
    page = director_client.get("/reports/", PERIOD).content.decode()
    assert "Harold Benn" not in page and "555-0112" not in page and "tax forms" not in page


def test_an_empty_period_says_so(director_client, callbacks):
    tables = tables_of(director_client.get("/reports/", {"period": "custom", "start": "2025-01-01", "end": "2025-01-31"}),
                       "callbacks")
    assert tables["_figures"]["Callbacks taken"] == "0"
    assert tables["outcomes"].rows == []
    assert tables["outcomes"].summary == "No callback was taken in this period."


def test_the_section_counts_in_a_constant_number_of_queries(director, callbacks, reference_desk, desk,
                                                            django_assert_max_num_queries):
    filters = Filters(start=datetime.date(2026, 3, 2), end=datetime.date(2026, 3, 15))
    section = {item.slug: item for item in sections_for(director)}["callbacks"]
    build(section, viewer=director, filters=filters)  # the roles' and settings' first reads
    for day in range(5, 12):
        CallbackFactory(created_at=at(day, 9), service_point=reference_desk, due_at=at(day, 11), created_by=desk,
                        status=Status.DONE, finished_at=at(day, 10), attempts=day % 3)
    # Its own three, and the library's settings when their cache was just renewed.
    with django_assert_max_num_queries(4):
        build(section, viewer=director, filters=filters)
