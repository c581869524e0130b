"""Percentiles in the database (reports/percentiles.py): the same answer as PostgreSQL's
percentile_cont on both databases, for numbers and for durations."""

import datetime

import pytest
from django.db.models import F, Q

from feedback.models import Complaint
from reports.percentiles import Percentile, interpolate
from reports.tests.feedback_records import at, complaint, march
from reports.timing import elapsed, medians_among, spreads
from staff.models import Branch
from staff.tests.factories import BranchFactory


def test_the_interpolation_is_postgresqls():
    assert interpolate([1, 3, 6], 0.5) == 3
    assert interpolate([1, 3, 6], 0.9) == pytest.approx(5.4)
    assert interpolate([1, 2, 3, 4], 0.5) == 2.5
    assert interpolate([7], 0.9) == 7
    assert interpolate([], 0.5) is None


def test_a_fraction_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError, match="from 0 to 1"):
        Percentile("pk", 1.5)


@pytest.mark.django_db
def test_the_median_and_90th_percentile_of_numbers_in_the_database():
    for n in (1, 3, 6):
        BranchFactory(name=f"Branch {n}", code=f"b{n}", pk=n)
    result = Branch.objects.aggregate(median=Percentile(F("pk"), 0.5), ninetieth=Percentile(F("pk"), 0.9))
    assert result["median"] == 3
    assert result["ninetieth"] == pytest.approx(5.4)


@pytest.mark.django_db
def test_a_percentile_of_durations_is_a_duration_and_nothing_measured_is_none(desk, reference_desk):
    for hours in (1, 8, 12, 84):
        complaint(received=at(2, 9), point=reference_desk, by=desk, steps=[("acknowledge", hours)],
                  acknowledge_by=march(4), resolve_by=march(16))
    complaints = Complaint.objects.all()
    result = complaints.aggregate(median=Percentile(elapsed("acknowledged_at"), 0.5))
    assert result["median"] == datetime.timedelta(hours=10)
    nothing = complaints.aggregate(median=Percentile(elapsed("decided_at"), 0.5))
    assert nothing["median"] is None


@pytest.mark.django_db
def test_medians_among_groups_come_in_the_same_aggregate_as_the_whole(desk, eastdesk, reference_desk, east_desk):
    """A breakdown's medians as filtered percentiles (reports.timing.medians_among): each over
    its own rows only, beside the whole's, and None for a group with nothing measured."""
    for point, by, hours in ((reference_desk, desk, 1), (reference_desk, desk, 3), (east_desk, eastdesk, 20)):
        complaint(received=at(2, 9), point=point, by=by, steps=[("acknowledge", hours)],
                  acknowledge_by=march(4), resolve_by=march(16))
    wait = elapsed("acknowledged_at")
    result = Complaint.objects.aggregate(
        **spreads(acknowledge=wait),
        **medians_among("main", Q(service_point=reference_desk), acknowledge=wait),
        **medians_among("east", Q(service_point=east_desk), acknowledge=wait, decide=elapsed("decided_at")),
    )
    assert result["acknowledge_p50"] == datetime.timedelta(hours=3)
    assert result["main_acknowledge_p50"] == datetime.timedelta(hours=2)
    assert result["east_acknowledge_p50"] == datetime.timedelta(hours=20)
    assert result["east_decide_p50"] is None
