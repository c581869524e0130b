"""The periods a report offers, and a filter typed wrong."""

import datetime

import pytest

from reports.filters import preset_dates

TODAY = datetime.date(2026, 3, 18)  # a Wednesday


@pytest.mark.parametrize(
    "period, start, end",
    [
        ("this-week", datetime.date(2026, 3, 16), TODAY),
        ("last-month", datetime.date(2026, 2, 1), datetime.date(2026, 2, 28)),
        ("this-year", datetime.date(2026, 1, 1), TODAY),
        ("last-year", datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),
        ("fiscal-year", datetime.date(2025, 7, 1), TODAY),
        ("last-fiscal-year", datetime.date(2024, 7, 1), datetime.date(2025, 6, 30)),
    ],
)
def test_presets_with_a_fiscal_year_starting_in_july(period, start, end):
    assert preset_dates(period, TODAY, 7) == (start, end)


def test_a_fiscal_year_starting_this_month_starts_this_year():
    assert preset_dates("fiscal-year", TODAY, 3) == (datetime.date(2026, 3, 1), TODAY)


def test_last_month_in_january_is_last_december():
    assert preset_dates("last-month", datetime.date(2026, 1, 5), 1) == (datetime.date(2025, 12, 1), datetime.date(2025, 12, 31))


def test_the_fiscal_year_is_the_librarys(director_client, fortnight):
    from staff.models import LibrarySettings

    library = LibrarySettings.current()
    library.fiscal_year_start_month = 10
    library.save()
    response = director_client.get("/reports/", {"period": "last-fiscal-year"})
    filters = response.context["filters"]
    assert filters.start.month == 10 and filters.start.day == 1
    assert (filters.end - filters.start).days in (364, 365)


def test_dates_in_the_wrong_order_say_what_to_fix_and_keep_what_was_typed(director_client, fortnight):
    response = director_client.get("/reports/", {"period": "custom", "start": "2026-03-15", "end": "2026-03-02"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "The last day comes on or after the first day: swap the dates." in page
    assert 'value="2026-03-15"' in page


def test_a_period_longer_than_three_years_is_refused(director_client, fortnight):
    response = director_client.get("/reports/", {"period": "custom", "start": "2020-01-01", "end": "2026-03-02"})
    assert response.status_code == 422
    assert "Choose at most three years" in response.content.decode()


def test_the_filters_hold_no_names(director_client, fortnight, circulation_desk):
    response = director_client.get("/reports/", {"period": "this-week", "point": circulation_desk.pk})
    assert response.status_code == 200
    assert set(response.wsgi_request.GET) == {"period", "point"}


def test_the_period_counted_by_default_is_the_one_shown(director_client):
    page = director_client.get("/reports/").content.decode()
    assert '<option value="this-year" selected>This year</option>' in page
    assert "<option value=\"this-week\" selected" not in page
