"""The desk coverage section against hand-counted kept days (2 to 15 March 2026).

| service point     | day        | open | uncovered |
| Main, reference   | Mon 2 Mar  | 480  | 30  |
| Main, reference   | Tue 3 Mar  | 480  | 0   |
| Main, reference   | Sat 7 Mar  | 240  | 60  |
| Main, reference   | Sun 8 Mar  | 0    | 0   | (closed)
| Main, reference   | Mon 9 Mar  | 480  | 45  |
| Main, circulation | Mon 2 Mar  | 480  | 10  |
| Main, circulation | Tue 3 Mar  | 480  | 120 |
| Eastside          | Mon 2 Mar  | 300  | 100 |
and outside the period: Sun 1 Mar and Mon 16 Mar at Main's reference desk, all uncovered.

Every branch: 5 days kept; open 2,940 minutes (49 h), uncovered 365 (6 h 05 min, 12.4%).
Mondays 1,740 open, 185 uncovered (10.6%); Tuesdays 960 and 120 (12.5%); Saturdays 240 and
60 (25%); Sundays never open. Main: 2,640 open, 265 uncovered."""

import datetime

import pytest
from django.db.models import Q

from desk.models import DeskCoverage
from reports.filters import Filters, scope_through
from reports.sections import build, sections_for
from reports.tests.conftest import PERIOD
from reports.tests.test_interactions_report import csv_rows, tables_of
from staff.tests.factories import ServicePointFactory


def day(number: int) -> datetime.date:
    return datetime.date(2026, 3, number)


@pytest.fixture
def kept(reference_desk, circulation_desk, east_desk):
    rows = [
        (reference_desk, day(2), 480, 30), (reference_desk, day(3), 480, 0), (reference_desk, day(7), 240, 60),
        (reference_desk, day(8), 0, 0), (reference_desk, day(9), 480, 45),
        (circulation_desk, day(2), 480, 10), (circulation_desk, day(3), 480, 120),
        (east_desk, day(2), 300, 100),
        (reference_desk, day(1), 480, 480), (reference_desk, day(16), 480, 480),
    ]
    return DeskCoverage.objects.bulk_create(
        [DeskCoverage(service_point=point, day=when, open_minutes=open_, uncovered_minutes=uncovered)
         for point, when, open_, uncovered in rows]
    )


def test_every_count_of_the_director(director_client, kept):
    tables = tables_of(director_client.get("/reports/", PERIOD), "coverage")
    assert tables["_figures"] == {
        "Days counted": "5",
        "Desk time open": "49 h 00 min",
        "Uncovered": "6 h 05 min",
        "Uncovered share of the open time": "12.4%",
    }
    grid = tables["by-weekday-and-point"]
    assert grid.columns == ["Service point", "Mon", "Tue", "Sat", "Total"]
    assert grid.rows == [
        ["Eastside — Eastside desk", 100, 0, 0, 100],
        ["Main — Circulation desk", 10, 120, 0, 130],
        ["Main — Reference desk", 75, 0, 60, 135],
    ]
    assert grid.summary == (
        "The most uncovered time was at Main — Circulation desk on Tuesdays: 2 h 00 min over the period; "
        "darker cells had more."
    )
    assert tables["by-service-point"].rows == [
        ["Eastside — Eastside desk", 300, 100, 33.3],
        ["Main — Circulation desk", 960, 130, 13.5],
        ["Main — Reference desk", 1680, 135, 8.0],
    ]
    assert tables["by-weekday"].rows == [
        ["Mondays", 1740, 185, 10.6], ["Tuesdays", 960, 120, 12.5], ["Saturdays", 240, 60, 25.0],
    ]
    assert tables["by-weekday"].summary == "12.4% of the open time was uncovered; Saturdays were the least covered (25.0% uncovered)."


def test_days_kept_for_a_phone_line_are_left_out(supervisor_client, kept, main_branch):
    """Kept before phone lines stopped counting as desks (desk.services.coverage.NOT_DESKS)."""
    line = ServicePointFactory(branch=main_branch, name="Phone line", kind="phone")
    DeskCoverage.objects.create(service_point=line, day=day(2), open_minutes=480, uncovered_minutes=480)
    tables = tables_of(supervisor_client.get("/reports/", PERIOD), "coverage")
    assert tables["_figures"]["Uncovered"] == "4 h 25 min"
    assert [row[0] for row in tables["by-service-point"].rows] == ["Circulation desk", "Reference desk"]


def test_a_supervisor_counts_their_branch_only(supervisor_client, kept):
    tables = tables_of(supervisor_client.get("/reports/", PERIOD), "coverage")
    assert tables["_figures"]["Desk time open"] == "44 h 00 min"
    assert tables["_figures"]["Uncovered"] == "4 h 25 min"
    assert [row[0] for row in tables["by-service-point"].rows] == ["Circulation desk", "Reference desk"]


def test_a_service_point_chosen_counts_that_desk_only(director_client, kept, circulation_desk):
    tables = tables_of(director_client.get("/reports/", {**PERIOD, "point": circulation_desk.pk}), "coverage")
    assert tables["by-service-point"].rows == [["Circulation desk", 960, 130, 13.5]]
    assert tables["_figures"]["Days counted"] == "2"


@pytest.mark.parametrize("persona", ["desk", "eastdesk"])
def test_desk_staff_do_not_see_the_section(request, persona, kept):
    client = request.getfixturevalue(f"{persona}_client")
    response = client.get("/reports/", PERIOD)
    assert response.status_code == 200
    assert "coverage" not in {item.slug for item, _, _ in response.context["results"]}
    assert "Desk coverage" not in response.content.decode()
    assert client.get("/reports/coverage/by-service-point.csv", PERIOD).status_code == 404


def test_the_by_weekday_csv(supervisor_client, kept):
    response = supervisor_client.get("/reports/coverage/by-weekday.csv", PERIOD)
    assert csv_rows(response) == [
        ["Weekday", "Open (minutes)", "Uncovered (minutes)", "Uncovered (%)"],
        ["Mondays", "1440", "85", "5.9"],
        ["Tuesdays", "960", "120", "12.5"],
        ["Saturdays", "240", "60", "25.0"],
    ]


def test_a_period_with_no_day_kept_says_so(director_client, kept):
    tables = tables_of(director_client.get("/reports/", {"period": "custom", "start": "2025-01-01", "end": "2025-01-31"}),
                       "coverage")
    assert tables["_figures"]["Days counted"] == "0"
    assert tables["_figures"]["Uncovered"] == "—"
    assert tables["by-service-point"].summary == "No day of desk coverage is kept for this period."


def test_the_section_counts_in_a_constant_number_of_queries(director, kept, reference_desk,
                                                            django_assert_max_num_queries):
    filters = Filters(start=datetime.date(2026, 3, 2), end=datetime.date(2026, 3, 15))
    section = {item.slug: item for item in sections_for(director)}["coverage"]
    build(section, viewer=director, filters=filters)  # the roles' and settings' first reads
    DeskCoverage.objects.bulk_create(
        [DeskCoverage(service_point=reference_desk, day=day(n), open_minutes=480, uncovered_minutes=n) for n in range(10, 16)]
    )
    # Its own three, and the library's settings when their cache was just renewed.
    with django_assert_max_num_queries(4):
        build(section, viewer=director, filters=filters)


def test_scope_through_reaches_the_branch_by_another_path():
    scope = Q(branch__in=[1, 2], service_point__in=[3]) & ~Q(branch=4) | Q(pk__in=[])
    moved = scope_through(scope, branch="service_point__branch")
    assert moved == Q(service_point__branch__in=[1, 2], service_point__in=[3]) & ~Q(service_point__branch=4) | Q(pk__in=[])


def test_scope_through_counts_the_right_days(kept, main_branch, reference_desk):
    """The supervisor's scope (Main) and a chosen service point, over days that carry no branch."""
    in_main = DeskCoverage.objects.filter(scope_through(Q(branch__in=[main_branch.pk]), branch="service_point__branch"))
    assert in_main.count() == 9
    at_reference = DeskCoverage.objects.filter(scope_through(Q(branch=main_branch.pk) & Q(service_point=reference_desk.pk),
                                                             branch="service_point__branch"))
    assert at_reference.count() == 7
