"""The uncovered minutes of a service point's day: opening hours minus the time someone was
signed on, counted once however the shifts overlap; kept for past days by desk_coverage."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from desk.models import DeskCoverage
from desk.services.coverage import coverage_of, coverage_of_day, coverage_record_past_days
from desk.tests.factories_coverage import ShiftFactory
from staff.models import ClosedDay
from staff.tests.factories import OpeningHoursFactory, ServicePointFactory

MONDAY = datetime.date(2026, 3, 2)


def at(hour, minute=0, day=MONDAY):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone())


NINE_TO_FIVE = (at(9), at(17))


def test_a_day_with_nobody_on_is_all_uncovered():
    assert coverage_of(NINE_TO_FIVE, []) == (480, 480)


def test_a_closed_day_counts_nothing():
    assert coverage_of(None, [(at(9), at(17))]) == (0, 0)


def test_overlapping_shifts_count_once():
    shifts = [(at(9), at(13)), (at(12), at(15)), (at(12, 30), at(14))]
    assert coverage_of(NINE_TO_FIVE, shifts) == (480, 120)


def test_shifts_spanning_opening_and_closing_count_only_the_open_part():
    assert coverage_of(NINE_TO_FIVE, [(at(8), at(10)), (at(16), at(19))]) == (480, 360)


def test_shifts_outside_the_opening_hours_cover_nothing():
    assert coverage_of(NINE_TO_FIVE, [(at(7), at(8, 59)), (at(17), at(18))]) == (480, 480)


def test_a_gap_between_shifts_is_uncovered():
    assert coverage_of(NINE_TO_FIVE, [(at(9), at(12)), (at(12, 45), at(17))]) == (480, 45)


def test_today_counts_only_up_to_now():
    assert coverage_of(NINE_TO_FIVE, [(at(9, 30), at(11))], until=at(11)) == (120, 30)
    assert coverage_of(NINE_TO_FIVE, [], until=at(8)) == (0, 0)


def test_partial_minutes_are_not_counted_as_covered():
    assert coverage_of(NINE_TO_FIVE, [(at(9), at(9, 0) + datetime.timedelta(seconds=90))]) == (480, 479)


@pytest.fixture
def hours(main_branch):
    return OpeningHoursFactory(branch=main_branch, weekday=0, opens=datetime.time(9), closes=datetime.time(17))


def test_a_day_is_counted_from_the_shifts_and_the_hours(hours, reference_desk, circulation_desk, desk, desk2):
    ShiftFactory(user=desk, service_point=reference_desk, started_at=at(8, 50), ended_at=at(13))
    ShiftFactory(user=desk2, service_point=reference_desk, started_at=at(12), ended_at=at(16))
    ShiftFactory(user=desk2, service_point=circulation_desk, started_at=at(16), ended_at=at(18))
    counted = coverage_of_day([reference_desk, circulation_desk], MONDAY, now=at(23))
    assert counted == {reference_desk.pk: (480, 60), circulation_desk.pk: (480, 420)}


def test_an_open_shift_counts_until_now_and_no_longer_than_a_session(hours, reference_desk, desk, settings):
    settings.SESSION_MAX_HOURS = 2
    ShiftFactory(user=desk, service_point=reference_desk, started_at=at(9), ended_at=None)
    assert coverage_of_day([reference_desk], MONDAY, now=at(10)) == {reference_desk.pk: (60, 0)}
    assert coverage_of_day([reference_desk], MONDAY, now=at(23)) == {reference_desk.pk: (480, 360)}


def test_no_hours_and_a_closed_day_count_nothing(reference_desk, desk, hours):
    ShiftFactory(user=desk, service_point=reference_desk, started_at=at(9), ended_at=at(17))
    tuesday = MONDAY + datetime.timedelta(days=1)
    assert coverage_of_day([reference_desk], tuesday, now=at(23, day=tuesday)) == {reference_desk.pk: (0, 0)}
    ClosedDay.objects.create(date=MONDAY, name="A holiday")
    assert coverage_of_day([reference_desk], MONDAY, now=at(23)) == {reference_desk.pk: (0, 0)}


def test_a_service_points_own_hours_win_over_its_branchs(hours, reference_desk, main_branch):
    OpeningHoursFactory(
        branch=main_branch, service_point=reference_desk, weekday=0, opens=datetime.time(12), closes=datetime.time(14)
    )
    assert coverage_of_day([reference_desk], MONDAY, now=at(23)) == {reference_desk.pk: (120, 120)}


def run(*args) -> str:
    out = StringIO()
    call_command("desk_coverage", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def last_week(hours, reference_desk, circulation_desk, desk):
    """A shift on last Monday morning at the reference desk."""
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday() + 7)
    ShiftFactory(user=desk, service_point=reference_desk, started_at=at(9, day=monday), ended_at=at(12, day=monday))
    return monday


def test_the_command_keeps_every_missing_past_day_once(last_week, reference_desk, circulation_desk):
    assert "would be kept" in run("--dry-run")
    assert not DeskCoverage.objects.exists()
    run()
    days = (timezone.localdate() - last_week).days
    assert DeskCoverage.objects.count() == 2 * days
    assert not DeskCoverage.objects.filter(day=timezone.localdate()).exists()
    monday = DeskCoverage.objects.get(service_point=reference_desk, day=last_week)
    assert (monday.open_minutes, monday.uncovered_minutes) == (480, 300)
    closed = DeskCoverage.objects.get(service_point=reference_desk, day=last_week + datetime.timedelta(days=1))
    assert (closed.open_minutes, closed.uncovered_minutes) == (0, 0)
    assert "Kept the desk coverage of 0 " in run()
    assert DeskCoverage.objects.count() == 2 * days


def test_no_day_is_kept_for_a_phone_line(last_week, main_branch):
    line = ServicePointFactory(branch=main_branch, name="Phone line", kind="phone")
    run()
    assert DeskCoverage.objects.exists()
    assert not DeskCoverage.objects.filter(service_point=line).exists()


def test_a_kept_day_is_not_counted_again(last_week, reference_desk):
    DeskCoverage.objects.create(service_point=reference_desk, day=last_week, open_minutes=1, uncovered_minutes=1)
    coverage_record_past_days(until=timezone.localdate())
    assert DeskCoverage.objects.get(service_point=reference_desk, day=last_week).open_minutes == 1


def test_without_any_shift_there_is_nothing_to_keep(hours, reference_desk):
    assert "of 0 service-point days" in run()
    assert not DeskCoverage.objects.exists()


def test_since_must_be_a_date(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--since", "last week")
