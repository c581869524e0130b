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
        rows={"interactions": 1_000_000}, memory=[(41, 60_000, 61_200)], memory_requests=12_345,
        note="Taken on a busy machine.", when=datetime.datetime(2026, 12, 2, 9, 30, tzinfo=datetime.UTC),
    )
    return results.Run(**(fields | changes))


def test_a_section_has_a_row_per_page_with_its_share_of_the_trivial_view():
    text = results.section(run())
    assert "## 2026-12-02 09:30 UTC: `make bench`" in text
    assert "Taken on a busy machine." in text
    assert "| desk console | desk | 250 | 20.0 ms | 41.5 ms | 60.0 ms | 9.0 ms | 8.0 ms | 11 | 25% | 2 |" in text
    assert "| /healthz (trivial view) | none | 1,000 |" in text and "| 100% |" in text
    assert "before and after 12,345 requests" in text
    assert "| 41 | 58.6 MB | 59.8 MB | +2.0% |" in text
    assert "cores 2, PostgreSQL 15.20" in text and "1,000,000 interactions" in text


def test_append_adds_a_dated_section_and_keeps_what_is_there(tmp_path):
    path = tmp_path / "RESULTS.md"
    results.append(run(), path)
    results.append(run(note="Second run."), path)
    text = path.read_text()
    assert text.startswith("# `make bench` results")
    assert text.count("`make bench`\n") == 2 and "Second run." in text
