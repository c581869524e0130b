"""desks_now: each desk's state at a moment (closed, covered, open with nobody on it) for the
desks of several branches at once, as the coverage board says it, within whose boards the
viewer may see; a constant number of queries."""

import datetime

import pytest

from desk.selectors.coverage import ANSWERED_FROM_DESKS, CLOSED, COVERED, UNCOVERED, desks_now
from desk.tests.factories_coverage import ShiftFactory
from staff import access
from staff.models import ClosedDay, OpeningHours
from staff.tests.factories import ServicePointFactory

# A Wednesday, 11:00 UTC (the tests' time zone).
NOW = datetime.datetime(2026, 3, 4, 11, 0, tzinfo=datetime.UTC)


@pytest.fixture
def desks(main_branch, east_branch, reference_desk, circulation_desk, east_desk, desk):
    """Main open 9 to 17 on Wednesdays, Eastside 13 to 17: Main's reference desk has someone on
    it, its circulation desk nobody; Eastside is not open yet."""
    OpeningHours.objects.create(branch=main_branch, weekday=2, opens=datetime.time(9), closes=datetime.time(17))
    OpeningHours.objects.create(branch=east_branch, weekday=2, opens=datetime.time(13), closes=datetime.time(17))
    ShiftFactory(user=desk, service_point=reference_desk, started_at=NOW - datetime.timedelta(hours=2))
    return [reference_desk, circulation_desk, east_desk]


def test_the_director_sees_every_desk(director, desks, reference_desk, circulation_desk, east_desk):
    assert desks_now(viewer=director, points=desks, now=NOW) == {
        reference_desk.pk: COVERED, circulation_desk.pk: UNCOVERED, east_desk.pk: CLOSED,
    }


def test_a_supervisor_sees_only_own_branchs_desks(supervisor, desks, reference_desk, circulation_desk):
    assert desks_now(viewer=supervisor, points=desks, now=NOW) == {reference_desk.pk: COVERED, circulation_desk.pk: UNCOVERED}


@pytest.mark.parametrize("persona", ["desk", "eastdesk", "itadmin"])
def test_whoever_sees_no_coverage_board_sees_no_desk(request, persona, desks):
    assert desks_now(viewer=request.getfixturevalue(persona), points=desks, now=NOW) == {}


def test_a_phone_line_with_nobody_on_it_is_answered_from_the_desks(director, desks, main_branch, desk2):
    line = ServicePointFactory(branch=main_branch, name="Phone line", kind="phone")
    assert desks_now(viewer=director, points=[line], now=NOW) == {line.pk: ANSWERED_FROM_DESKS}
    ShiftFactory(user=desk2, service_point=line, started_at=NOW - datetime.timedelta(hours=1))
    assert desks_now(viewer=director, points=[line], now=NOW) == {line.pk: COVERED}
    assert desks_now(viewer=director, points=[line], now=NOW.replace(hour=18)) == {line.pk: CLOSED}


def test_a_shift_left_open_past_the_longest_shift_is_not_on_the_desk(director, desks, desk2, east_desk, settings):
    settings.SESSION_MAX_HOURS = 12
    ShiftFactory(user=desk2, service_point=east_desk, started_at=NOW - datetime.timedelta(hours=13))
    later = NOW.replace(hour=14)
    assert desks_now(viewer=director, points=[east_desk], now=later) == {east_desk.pk: UNCOVERED}


def test_a_desk_is_closed_on_a_closed_day_and_after_hours(director, desks, reference_desk, circulation_desk):
    assert desks_now(viewer=director, points=[circulation_desk], now=NOW.replace(hour=17)) == {circulation_desk.pk: CLOSED}
    ClosedDay.objects.create(date=NOW.date(), name="A holiday")
    assert desks_now(viewer=director, points=[reference_desk], now=NOW) == {reference_desk.pk: CLOSED}


def test_three_queries_whatever_the_number_of_desks(director, desks, main_branch, django_assert_num_queries):
    more = desks + [ServicePointFactory(branch=main_branch, name=f"Desk {n}") for n in range(10)]
    access.may_see_coverage(director, main_branch.pk)  # the roles are read once per request, before
    with django_assert_num_queries(3):
        desks_now(viewer=director, points=more, now=NOW)
