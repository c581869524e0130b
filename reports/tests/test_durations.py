"""Percentiles read from whole-minute counts (reports.durations): the nearest rank, so every
answer is a time some record really took."""

from collections import Counter

from reports.durations import minutes, percentile


def test_nothing_to_count_has_no_percentile():
    assert percentile(Counter(), 50) is None


def test_the_median_and_the_90th_percentile_are_the_nearest_ranks():
    ten = Counter(range(1, 11))  # 1, 2, ... 10 minutes, once each
    assert (percentile(ten, 50), percentile(ten, 90), percentile(ten, 100)) == (5, 9, 10)
    assert percentile(Counter({3: 1, 40: 1}), 50) == 3


def test_the_rank_is_counted_without_rounding_errors():
    """7% of 100 is the 7th: 0.07 × 100 in floating point is 7.000000000000001, which would be the 8th."""
    hundred = Counter(range(100))  # 0, 1, ... 99 minutes, once each
    assert percentile(hundred, 7) == 6


def test_a_figure_says_minutes_and_hours():
    assert [minutes(None), minutes(0), minutes(59), minutes(60), minutes(365)] == ["—", "0 min", "59 min", "1 h 00 min", "6 h 05 min"]
