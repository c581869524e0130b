"""Open hours (staff.calendar.add_open_hours, is_open): what a callback's due time and a
referral's reminder count, across closing time, days without hours and closed days."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from staff.calendar import add_open_hours, is_open
from staff.models import ClosedDay, OpeningHours
from staff.tests.factories import OpeningHoursFactory, ServicePointFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 30)
WEEKDAYS = range(0, 5)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone())


@pytest.fixture
def desk():
    """A service point whose branch is open 9:00-20:00 on weekdays, closed at weekends."""
    point = ServicePointFactory()
    for weekday in WEEKDAYS:
        OpeningHoursFactory(branch=point.branch, weekday=weekday, opens=datetime.time(9), closes=datetime.time(20))
    return point


def test_within_the_day_it_is_clock_time(desk):
    assert add_open_hours(desk, at(MONDAY, 10), 2) == at(MONDAY, 12)


def test_closing_time_carries_the_rest_to_the_next_opening(desk):
    assert add_open_hours(desk, at(MONDAY, 19, 30), 2) == at(MONDAY + datetime.timedelta(days=1), 10, 30)


def test_before_opening_the_count_starts_at_opening(desk):
    assert add_open_hours(desk, at(MONDAY, 7), 2) == at(MONDAY, 11)


def test_a_weekend_without_hours_does_not_count(desk):
    friday = MONDAY + datetime.timedelta(days=4)
    assert add_open_hours(desk, at(friday, 19), 3) == at(MONDAY + datetime.timedelta(days=7), 11)


def test_a_closed_day_does_not_count(desk):
    ClosedDay.objects.create(date=MONDAY + datetime.timedelta(days=1), name="Staff training")
    assert add_open_hours(desk, at(MONDAY, 19), 2) == at(MONDAY + datetime.timedelta(days=2), 10)


def test_a_service_point_with_hours_of_its_own_keeps_them(desk):
    OpeningHoursFactory(branch=desk.branch, service_point=desk, weekday=0, opens=datetime.time(12), closes=datetime.time(14))
    # Its own hours replace the branch's: Monday 12-14 only, and no other day.
    assert add_open_hours(desk, at(MONDAY, 13), 2) == at(MONDAY + datetime.timedelta(days=7), 13)
    assert is_open(desk, at(MONDAY, 13)) and not is_open(desk, at(MONDAY, 15))


def test_without_hours_kept_it_counts_clock_hours():
    point = ServicePointFactory()
    assert add_open_hours(point, at(MONDAY, 23), 2) == at(MONDAY + datetime.timedelta(days=1), 1)


def test_is_open_between_opening_and_closing_on_open_days_only(desk):
    assert is_open(desk, at(MONDAY, 9)) and is_open(desk, at(MONDAY, 19, 59))
    assert not is_open(desk, at(MONDAY, 20)) and not is_open(desk, at(MONDAY, 8, 59))
    assert not is_open(desk, at(MONDAY + datetime.timedelta(days=5), 12))
    ClosedDay.objects.create(date=MONDAY, name="Holiday")
    assert not is_open(desk, at(MONDAY, 12))


def test_one_period_a_day_and_it_closes_after_it_opens(desk):
    with pytest.raises(IntegrityError):
        OpeningHoursFactory(branch=desk.branch, weekday=0)


def test_closing_before_opening_is_refused_with_what_to_fix(desk):
    hours = OpeningHours(branch=desk.branch, weekday=6, opens=datetime.time(17), closes=datetime.time(10))
    with pytest.raises(ValidationError) as refused:
        hours.full_clean()
    assert refused.value.message_dict["closes"] == ["Closing time must be after opening time."]


def test_a_service_point_of_another_branch_is_refused(desk):
    other = ServicePointFactory()
    hours = OpeningHours(branch=desk.branch, service_point=other, weekday=6, opens=datetime.time(10), closes=datetime.time(12))
    with pytest.raises(ValidationError) as refused:
        hours.full_clean()
    assert refused.value.message_dict["service_point"] == ["Choose a service point of this branch."]
