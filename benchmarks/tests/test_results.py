"""The section `make bench` appends to benchmarks/RESULTS.md (benchmarks/results.py)."""

import datetime

from benchmarks import results


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
