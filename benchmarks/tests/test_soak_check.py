"""What `make soak` concludes from its load log and the database (benchmarks/soak_check.py)."""

from collections import Counter

from benchmarks import soak_check
from benchmarks.soak_check import Request, Window, Write

RESTART = Window("database restart", 100.0, 112.0)


def test_an_acknowledged_write_missing_from_the_database_is_lost():
    sent = [Write("complaint", "soak1-000001", True), Write("complaint", "soak1-000002", True)]
    (check,) = soak_check.writes(sent, {"complaint": Counter({"soak1-000001": 1})})
    assert check.acknowledged == 2 and check.lost == ["soak1-000002"] and check.duplicated == []


def test_a_write_found_twice_is_duplicated_whether_or_not_it_was_acknowledged():
    sent = [Write("quick-log", "k1", True), Write("quick-log", "k2", False, attempts=3)]
    (check,) = soak_check.writes(sent, {"quick-log": Counter({"k1": 2, "k2": 2})})
    assert check.duplicated == ["k1", "k2"] and check.lost == []


def test_a_failed_write_may_be_missing_or_saved_once_and_both_are_fine():
    """Its answer may be lost after the commit: saved once is not a duplicate."""
    sent = [Write("card step", "m1", False), Write("card step", "m2", False)]
    (check,) = soak_check.writes(sent, {"card step": Counter({"m2": 1})})
    assert (check.failed, check.saved_unacknowledged, check.lost, check.duplicated) == (2, 1, [], [])


def test_a_form_sent_again_with_its_key_and_saved_once_is_counted_as_such():
    sent = [Write("quick-log", "k1", True, attempts=4), Write("quick-log", "k2", True, attempts=1)]
    (check,) = soak_check.writes(sent, {"quick-log": Counter({"k1": 1, "k2": 1})})
    assert (check.retried, check.retried_saved_once, check.lost, check.duplicated) == (1, 1, [], [])


def test_each_kind_of_write_is_checked_against_its_own_rows():
    sent = [Write("complaint", "soak1-000001", True), Write("complaint step", "soak1-000001", True)]
    checks = soak_check.writes(sent, {"complaint": Counter({"soak1-000001": 1})})
    assert {check.kind: check.lost for check in checks} == {"complaint": [], "complaint step": ["soak1-000001"]}


def test_markers_are_found_anywhere_in_a_text_and_counted_once_per_row():
    texts = ["soak1-000001 The printer.", "Dear Pat,\nsoak1-000002 sorry\nsoak1-000002", "soak1-000001 again",
             "soak2-000003 another run's"]
    found = soak_check.markers_in(texts, "soak1")
    assert found["soak1-000001"] == 2 and found["soak1-000002"] == 1
    assert "soak2-000003" not in found


def test_errors_are_told_apart_inside_and_outside_the_fault_windows():
    log = [
        Request(10.0, 10.2, "desk console", 200),
        Request(20.0, 20.1, "quick-log", 302),
        Request(30.0, 30.1, "complaint step", 409),  # someone else first: not an error
        Request(99.8, 100.3, "quick-log", 0),  # under way when the database stopped
        Request(105.0, 105.01, "desk console", 503),
        Request(105.0, 105.01, "patron look-up", 503),
        Request(150.0, 150.3, "desk console", 500),
    ]
    summary = soak_check.requests(log, [RESTART, Window("mail outage", 40.0, 60.0)])
    assert summary.total == 7 and summary.conflicts == 1
    assert summary.errors_inside == {"database restart": 3, "mail outage": 0}
    assert summary.statuses_inside["database restart"] == {0: 1, 503: 2}
    assert summary.errors_outside == 1 and summary.error_names_outside == {"desk console (500)": 1}
    assert summary.seconds == 150.3 - 10.0


def test_percentiles_are_of_the_successful_requests_outside_the_windows():
    log = [Request(float(n), n + (n + 1) / 1000, "desk console", 200) for n in range(20)]
    log.append(Request(105.0, 111.0, "desk console", 200))  # six seconds, inside the restart
    summary = soak_check.requests(log, [RESTART])
    assert round(summary.p95_ms) == 19 and round(summary.p50_ms) == 10


def test_recovery_is_timed_to_the_first_success_begun_after_the_database_is_back():
    log = [Request(111.0, 113.0, "desk console", 200), Request(112.5, 112.6, "desk console", 503),
           Request(113.0, 113.4, "quick-log", 302), Request(114.0, 114.1, "quick-log", 302)]
    assert round(soak_check.recovery_seconds(log, 112.0), 1) == 1.4
    assert soak_check.recovery_seconds(log[:2], 112.0) is None


def test_mail_is_compared_message_for_message():
    check = soak_check.mail(["a", "b", "c", "c"], ["a", "a", "c", "c", "x"])
    assert (check.queued, check.sent) == (4, 3)
    assert check.lost == ["b"] and check.duplicated == ["a"] and check.unexpected == 1
    assert soak_check.mail(["a", "b"], ["b", "a"]).lost == []
