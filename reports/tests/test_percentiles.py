"""Percentiles in the database (reports/percentiles.py): the same answer as PostgreSQL's
percentile_cont on both databases, for numbers and for durations."""

import datetime

import pytest
from django.db.models import F

from feedback.models import Complaint
from reports.percentiles import Percentile, interpolate
from reports.tests.feedback_records import at, complaint, march
from reports.timing import elapsed
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
