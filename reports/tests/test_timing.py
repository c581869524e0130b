"""The weeks or months a trend counts by, and how a wait reads (reports/timing.py)."""

import datetime

from reports.timing import buckets, days, in_minutes, in_words, minutes, on_the_clock

D = datetime.date


def test_a_fortnight_is_counted_by_week_and_whole_weeks_need_no_note():
    weeks = buckets(D(2026, 3, 2), D(2026, 3, 15))
    assert (weeks.monthly, weeks.starts, weeks.heading) == (False, [D(2026, 3, 2), D(2026, 3, 9)], "Week of (Monday)")
    assert weeks.partial_note(D(2026, 3, 2), D(2026, 3, 15)) == []
    assert weeks.partial_note(D(2026, 3, 3), D(2026, 3, 15)) == [
        "The first and last weeks count only the days inside the period."
    ]


def test_a_year_is_counted_by_month_across_the_new_year():
    months = buckets(D(2025, 7, 1), D(2026, 6, 30))
    assert months.monthly and len(months.starts) == 12
    assert (months.label(months.starts[0]), months.label(months.starts[-1])) == ("2025-07", "2026-06")
    assert months.partial_note(D(2025, 7, 1), D(2026, 6, 30)) == []
    assert buckets(D(2026, 1, 1), D(2026, 12, 2)).partial_note(D(2026, 1, 1), D(2026, 12, 2)) == [
        "The first and last months count only the days inside the period."
    ]
    assert buckets(D(2025, 1, 1), D(2025, 12, 31)).partial_note(D(2025, 1, 1), D(2025, 12, 31)) == []


def test_a_wait_reads_in_hours_under_a_day_and_in_days_after():
    assert in_words(datetime.timedelta(hours=10)) == "10.0 hours"
    assert in_words(datetime.timedelta(days=3, hours=12)) == "3.5 days"
    assert in_words(None) == "—"
    assert (days(datetime.timedelta(hours=36)), days(None)) == (1.5, None)


def test_a_short_wait_reads_in_minutes_and_hours():
    assert [minutes(None), minutes(0), minutes(59), minutes(60), minutes(365)] == ["—", "0 min", "59 min", "1 h 00 min", "6 h 05 min"]
    assert on_the_clock(datetime.timedelta(hours=4, minutes=15)) == "4 h 15 min"
    assert on_the_clock(datetime.timedelta(seconds=1427.6)) == "24 min"
    assert on_the_clock(None) == "—"
    assert (in_minutes(datetime.timedelta(seconds=165)), in_minutes(None)) == (2.8, None)
