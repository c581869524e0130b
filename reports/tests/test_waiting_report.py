"""The waiting-list section against a hand-counted fortnight (2 to 15 March 2026, UTC).

| # | added           | where             | acknowledged after | ended after     | how        |
| 1 | Mon 2 Mar 10:00 | Main, reference   | 1 min              | 4 min           | served     |
| 2 | Mon 2 Mar 10:10 | Main, reference   | 2 min              | 12 min 59 s     | served     |
| 3 | Mon 2 Mar 10:20 | Main, reference   | —                  | 9 min           | left       |
| 4 | Tue 3 Mar 14:00 | Main, reference   | —                  | 3 min           | served     |
| 5 | Tue 3 Mar 14:05 | Main, circulation | 5 min              | 31 min          | served     |
| 6 | Wed 4 Mar 09:30 | Main, circulation | 30 s               | —               | still on the list |
| 7 | Mon 2 Mar 10:00 | Eastside          | 1 min              | 6 min           | served     |
and two just outside: Sun 1 Mar 23:55 and Mon 16 Mar 00:10 at Main's reference desk.

Percentiles are PostgreSQL's percentile_cont (reports.percentiles), interpolated between the
two nearest waits, in seconds: figures to the minute, tables to a tenth. Every branch: 7 on
the list, 5 served, 1 left, 1 still on it. Waits of the served (s): 180, 240, 360, 779, 1860:
median 360 (6 min), 90th percentile 779 + 0.6 × 1081 = 1427.6 (24 min). Acknowledged: 30, 60,
60, 120, 300: median 60 (1 min), 90th 120 + 0.6 × 180 = 228 (4 min). Main: waits 180, 240,
779, 1860: median 509.5 (8 min), 90th 779 + 0.7 × 1081 = 1535.7 (26 min); its reference desk
180, 240, 779: median 4.0, 90th 240 + 0.8 × 539 = 671.2 s, 11.2 min; acknowledged 60, 120:
1.5 min; its circulation desk acknowledged 30, 300: 2.75 min, 2.8. Wait lengths: under 5
minutes is under 300 s, so 12 min 59 s is in "10 to 19 minutes"."""

import datetime

import pytest

from desk.models import WaitingPatron
from desk.tests.factories_waiting import WaitingPatronFactory
from reports.filters import Filters
from reports.sections import build, sections_for
from reports.tests.conftest import PERIOD
from reports.tests.test_interactions_report import csv_rows, tables_of

Status = WaitingPatron.Status


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=datetime.UTC)


def add(when, point, staff, *, acknowledged=None, ended=None, status=Status.SERVED):
    """A waiting patron added `when`, acknowledged and ended so many seconds later."""
    later = lambda seconds: None if seconds is None else when + datetime.timedelta(seconds=seconds)  # noqa: E731
    return WaitingPatronFactory(
        service_point=point, added_at=when, added_by=staff, status=status, label="Woman in a red coat",
        acknowledged_at=later(acknowledged), acknowledged_by=staff if acknowledged is not None else None,
        ended_at=later(ended), ended_by=staff if ended is not None else None,
    )


@pytest.fixture
def waits(desk, eastdesk, reference_desk, circulation_desk, east_desk):
    return [
        add(at(2, 10), reference_desk, desk, acknowledged=60, ended=240),
        add(at(2, 10, 10), reference_desk, desk, acknowledged=120, ended=12 * 60 + 59),
        add(at(2, 10, 20), reference_desk, desk, ended=9 * 60, status=Status.LEFT),
        add(at(3, 14), reference_desk, desk, ended=180),
        add(at(3, 14, 5), circulation_desk, desk, acknowledged=300, ended=31 * 60),
        add(at(4, 9, 30), circulation_desk, desk, acknowledged=30, status=Status.WAITING),
        add(at(2, 10), east_desk, eastdesk, acknowledged=60, ended=360),
        add(datetime.datetime(2026, 3, 1, 23, 55, tzinfo=datetime.UTC), reference_desk, desk, ended=120),
        add(datetime.datetime(2026, 3, 16, 0, 10, tzinfo=datetime.UTC), reference_desk, desk, ended=120),
    ]


def test_every_count_of_the_director(director_client, waits):
    tables = tables_of(director_client.get("/reports/", PERIOD), "waiting")
    assert tables["_figures"] == {
        "Patrons on the waiting list": "7",
        "Left without being served": "1 (14.3%)",
        "Median wait to be served": "6 min",
        "90% were served within": "24 min",
        "Median time to acknowledge": "1 min",
        "90% were acknowledged within": "4 min",
    }
    assert tables["by-service-point"].rows == [
        ["Eastside — Eastside desk", 1, 1, 0, 0, 6.0, 6.0, 1, 1.0],
        ["Main — Circulation desk", 2, 1, 0, 1, 31.0, 31.0, 2, 2.8],
        ["Main — Reference desk", 4, 3, 1, 0, 4.0, 11.2, 2, 1.5],
    ]
    assert tables["by-hour"].rows == [["09:00", 1, 0, 0, 0.0], ["10:00", 4, 3, 1, 25.0], ["14:00", 2, 2, 0, 0.0]]
    assert tables["wait-lengths"].rows == [
        ["Under 5 minutes", 2, 40.0, 4], ["5 to 9 minutes", 1, 20.0, 1], ["10 to 19 minutes", 1, 20.0, 0],
        ["20 to 29 minutes", 0, 0.0, 0], ["30 minutes or more", 1, 20.0, 0],
    ]


def test_a_supervisor_counts_their_branch_only(supervisor_client, waits):
    tables = tables_of(supervisor_client.get("/reports/", PERIOD), "waiting")
    assert tables["_figures"]["Patrons on the waiting list"] == "6"
    assert tables["_figures"]["Median wait to be served"] == "8 min"
    assert tables["_figures"]["90% were served within"] == "26 min"
    assert [row[0] for row in tables["by-service-point"].rows] == ["Circulation desk", "Reference desk"]


def test_desk_staff_at_another_branch_count_theirs_only(eastdesk_client, waits):
    tables = tables_of(eastdesk_client.get("/reports/", PERIOD), "waiting")
    assert tables["_figures"]["Patrons on the waiting list"] == "1"
    assert tables["by-service-point"].rows == [["Eastside desk", 1, 1, 0, 0, 6.0, 6.0, 1, 1.0]]


def test_hours_are_the_librarys(director_client, waits, settings):
    """10:00 UTC is 04:00 in Chicago before daylight time (8 March); and 00:10 UTC on Monday
    16 March is 19:10 on Sunday the 15th there, inside the period."""
    settings.TIME_ZONE = "America/Chicago"
    tables = tables_of(director_client.get("/reports/", PERIOD), "waiting")
    assert [row[:2] for row in tables["by-hour"].rows] == [["03:00", 1], ["04:00", 4], ["08:00", 2], ["19:00", 1]]


def test_the_by_service_point_csv_names_no_one(supervisor_client, waits):
    response = supervisor_client.get("/reports/waiting/by-service-point.csv", PERIOD)
    assert csv_rows(response) == [
        ["Service point", "On the list", "Served", "Left without being served", "Still on the list",
         "Median wait to be served (min)", "90th percentile wait (min)", "Acknowledged",
         "Median time to acknowledge (min)"],
        ["Circulation desk", "2", "1", "0", "1", "31.0", "31.0", "2", "2.8"],
        ["Reference desk", "4", "3", "1", "0", "4.0", "11.2", "2", "1.5"],
    ]
    assert "red coat" not in response.content.decode()


def test_the_page_never_shows_a_label(director_client, waits):
    assert "red coat" not in director_client.get("/reports/", PERIOD).content.decode()


def test_an_empty_period_says_so(director_client, waits):
    tables = tables_of(director_client.get("/reports/", {"period": "custom", "start": "2025-01-01", "end": "2025-01-31"}),
                       "waiting")
    assert tables["_figures"]["Median wait to be served"] == "—"
    assert tables["wait-lengths"].rows == []
    assert tables["by-hour"].summary == "Nobody was put on a waiting list in this period."


def test_the_section_counts_in_a_constant_number_of_queries(director, waits, desk, circulation_desk,
                                                            django_assert_max_num_queries):
    filters = Filters(start=datetime.date(2026, 3, 2), end=datetime.date(2026, 3, 15))
    section = {item.slug: item for item in sections_for(director)}["waiting"]
    build(section, viewer=director, filters=filters)  # the roles' and settings' first reads
    for day in range(5, 12):
        add(at(day, day), circulation_desk, desk, acknowledged=day * 30, ended=day * 100)
    # Its own four, and the library's settings when their cache was just renewed.
    with django_assert_max_num_queries(5):
        build(section, viewer=director, filters=filters)
