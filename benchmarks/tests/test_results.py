"""The section `make bench` appends to benchmarks/RESULTS.md (benchmarks/results.py)."""

import datetime

from benchmarks import results, soak_check


def run(**changes):
    pages = [
        results.PageResult("/healthz (trivial view)", "none", 1000, 5, 9, 12, 2, 0.5, 1),
        results.PageResult("desk console", "desk", 250, 20, 41.5, 60, 9, 8, 11, bad_status=2),
    ]
    fields = dict(
        pages=pages, ceiling="/healthz (trivial view)", machine={"cores": "2", "PostgreSQL": "15.20"},
        rows={"interactions": 1_000_000},
        memory=[results.MemoryReading("warm-up", 0, {41: 60_000, 42: 50_000}),
                results.MemoryReading("desk console", 12_345, {41: 61_200, 42: 50_000})],
        note="Taken on a busy machine.", when=datetime.datetime(2026, 12, 2, 9, 30, tzinfo=datetime.UTC),
    )
    return results.Run(**(fields | changes))


def test_a_section_has_a_row_per_page_with_its_share_of_the_trivial_view():
    text = results.section(run())
    assert "## 2026-12-02 09:30 UTC: `make bench`" in text
    assert "Taken on a busy machine." in text
    assert "| desk console | desk | 250 | 20.0 ms | 41.5 ms | 60.0 ms | 9.0 ms | 8.0 ms | 11 | 25% | 2 |" in text
    assert "| /healthz (trivial view) | none | 1,000 |" in text and "| 100% |" in text
    assert "| after | requests since the warm-up | worker 41 | worker 42 |" in text
    assert "| desk console | 12,345 | 59.8 MB | 48.8 MB |" in text
    assert "cores 2, PostgreSQL 15.20" in text and "1,000,000 interactions" in text


def test_append_adds_a_dated_section_and_keeps_what_is_there(tmp_path):
    path = tmp_path / "RESULTS.md"
    results.append(run(), path)
    results.append(run(note="Second run."), path)
    text = path.read_text()
    assert text.startswith("# `make bench` results")
    assert text.count("`make bench`\n") == 2 and "Second run." in text


def test_memory_growth_is_read_from_the_warm_up_and_over_the_second_half_alone():
    """Memory that levels off grows in the first half only; a leak keeps growing in the second."""
    readings = [
        results.MemoryReading("warm-up", 0, {41: 60_000, 42: 60_000}),
        results.MemoryReading("/healthz (trivial view)", 40_000, {41: 63_000, 42: 61_200}),
        results.MemoryReading("desk console", 60_000, {41: 63_000, 42: 62_400}),
        results.MemoryReading("comment-card queue", 80_000, {41: 63_000, 42: 63_600}),
    ]
    text = results.memory_section(readings)
    assert "| warm-up | 0 | 58.6 MB | 58.6 MB |" in text
    assert "| comment-card queue | 80,000 | 61.5 MB | 62.1 MB |" in text
    assert "after the warm-up: +5.0% / +6.0%; over the last 40,000 of them: +0.0% / +3.9%." in text


def test_a_worker_gone_before_the_last_reading_is_said_not_hidden():
    readings = [
        results.MemoryReading("warm-up", 0, {41: 60_000, 42: 60_000}),
        results.MemoryReading("desk console", 10_000, {41: 60_600}),
    ]
    text = results.memory_section(readings)
    assert "| desk console | 10,000 | 59.2 MB | gone |" in text
    assert "+1.0% / worker 42 gone" in text


def soak_run(**changes):
    summary = soak_check.RequestSummary(
        total=12_345, seconds=600, p50_ms=42.0, p95_ms=180.5, conflicts=7, errors_outside=0,
        errors_inside={"database restart": 130, "mail outage": 0}, requests_inside={"database restart": 140, "mail outage": 3_000},
        statuses_inside={"database restart": {503: 120, 0: 10}, "mail outage": {}},
    )
    fields = dict(
        users=50, seconds=600, started=1000.0, requests=summary,
        windows=[soak_check.Window("database restart", 1300.0, 1311.5), soak_check.Window("mail outage", 1090.0, 1240.0)],
        writes=[soak_check.WriteCheck("quick-log", acknowledged=4_000, failed=20, saved_unacknowledged=3, retried=25,
                                      retried_saved_once=25),
                soak_check.WriteCheck("complaint", acknowledged=300)],
        recovery_seconds=1.46, mail=soak_check.mail(["a", "b"], ["a", "b"]), machine={"cores": "2"},
        setup="gunicorn (3 workers).", when=datetime.datetime(2026, 12, 2, 12, 30, tzinfo=datetime.UTC),
    )
    return results.SoakRun(**(fields | changes))


def test_a_soak_section_gives_the_verdict_the_windows_the_writes_and_the_mail():
    text = results.soak_section(soak_run())
    assert "## 2026-12-02 12:30 UTC: `make soak`" in text
    assert "50 simulated staff for 600 s. gunicorn (3 workers)." in text
    assert "**PASS**: 0 lost, 0 duplicated, 0 errors outside the fault windows." in text
    assert "| 12,345 | 20.6 | 42.0 ms | 180.5 ms | 0 | 7 |" in text
    assert "| database restart | 300.0 s | 311.5 s | 140 | 130 | no answer ×10, 503 ×120 |" in text
    assert "| mail outage | 90.0 s | 240.0 s | 3,000 | 0 | – |" in text
    assert "succeeded): 1.5 s." in text
    assert "| quick-log | 4,000 | 0 | 0 | 20 | 3 | 25 |" in text
    assert "with the same submission key, as a browser resends them: 25; in the database exactly once: 25." in text
    assert "Mail: 2 queued, 2 received by the mail server, 0 lost, 0 duplicated, 0 unexpected.\n" in text
    noted = results.soak_section(soak_run(mail_note="The mail worker exited 1 time(s)."))
    assert "0 unexpected. The mail worker exited 1 time(s).\n" in noted


def test_a_soak_that_lost_or_duplicated_anything_fails_and_says_what():
    lost = soak_check.WriteCheck("complaint", acknowledged=300, lost=["soak1-000004"], duplicated=["soak1-000009"])
    summary = soak_run().requests
    summary.errors_outside, summary.error_names_outside = 2, {"desk console (500)": 2}
    text = results.soak_section(soak_run(writes=[lost], mail=soak_check.mail(["a", "b"], ["a"]), requests=summary))
    assert "**FAIL**: 2 lost, 1 duplicated, 2 errors outside the fault windows." in text
    assert "Errors outside the windows: desk console (500) ×2." in text
    assert "| complaint | 300 | 1 | 1 | 0 | 0 | 0 |" in text


def test_a_soak_without_a_mail_queue_to_compare_does_not_pass_and_says_why(tmp_path):
    run = soak_run(mail=None, mail_note="There is no queue to compare with.")
    assert not run.passed
    path = tmp_path / "RESULTS.md"
    results.append(run, path)
    text = path.read_text()
    assert "mail not checked." in text and "Mail: not checked. There is no queue to compare with." in text
    assert "`make soak`" in text
