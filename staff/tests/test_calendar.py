import datetime

import pytest

from staff.calendar import add_business_days
from staff.models import ClosedDay

FRIDAY = datetime.date(2026, 11, 27)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "start, days, due",
    [
        (datetime.date(2026, 11, 23), 2, datetime.date(2026, 11, 25)),  # Monday + 2: Wednesday
        (FRIDAY, 1, datetime.date(2026, 11, 30)),  # the weekend is skipped
        (FRIDAY, 2, datetime.date(2026, 12, 1)),
        (datetime.date(2026, 11, 28), 1, datetime.date(2026, 11, 30)),  # from a Saturday
        (FRIDAY, 10, datetime.date(2026, 12, 11)),  # two whole weeks
    ],
)
def test_weekends_do_not_count(start, days, due):
    assert add_business_days(start, days) == due


@pytest.mark.django_db
def test_closed_days_do_not_count():
    ClosedDay.objects.create(date=datetime.date(2026, 11, 30), name="Staff training")
    assert add_business_days(FRIDAY, 2) == datetime.date(2026, 12, 2)


@pytest.mark.django_db
def test_a_long_closure_beyond_the_first_window_still_counts():
    closure = [FRIDAY + datetime.timedelta(days=n) for n in range(1, 60)]
    ClosedDay.objects.bulk_create(ClosedDay(date=day, name="Renovation") for day in closure)
    assert add_business_days(FRIDAY, 1) == datetime.date(2027, 1, 26)


@pytest.mark.django_db
def test_one_query_for_the_usual_deadline(django_assert_num_queries):
    with django_assert_num_queries(1):
        add_business_days(FRIDAY, 10)
