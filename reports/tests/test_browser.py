"""The reports in a real browser: open them, switch a filter, read a data table, download a
CSV; axe finds no WCAG A/AA violation and the Content-Security-Policy none either."""

import csv
import io

import pytest
from playwright.sync_api import expect

from reports.tests.conftest import PERIOD

pytestmark = pytest.mark.browser


def test_the_director_opens_the_reports_switches_a_filter_and_downloads_a_csv(
    sign_in, director, fortnight, east_branch, live_server, csp_violations, assert_accessible
):
    page = sign_in(director)
    page.goto(f"{live_server.url}/reports/?" + "&".join(f"{key}={value}" for key, value in PERIOD.items()))
    expect(page.get_by_role("heading", name="Reports", exact=True)).to_be_visible()
    expect(page.get_by_role("img", name="When patrons come: interactions by weekday and hour")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Branch", exact=True).select_option(label="Eastside")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#report-scope")).to_contain_text("Eastside")
    assert f"branch={east_branch.pk}" in page.url
    by_kind = page.locator("#interactions-by-kind")
    by_kind.get_by_text("Data table").click()
    expect(by_kind.get_by_role("table")).to_contain_text("Reference")
    assert_accessible(page)

    with page.expect_download() as download_info:
        by_kind.get_by_role("link", name="CSV of By kind").click()
    download = download_info.value
    assert download.suggested_filename == "interactions-by-kind-2026-03-02-2026-03-15.csv"
    rows = list(csv.reader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    assert rows == [["Kind", "Interactions", "Share (%)", "Counts as reference"], ["Reference", "1", "100.0", "yes"]]
    assert csp_violations == []


def test_a_supervisors_reports_are_accessible(sign_in, supervisor, fortnight, live_server, assert_accessible):
    page = sign_in(supervisor)
    page.goto(f"{live_server.url}/reports/?period=last-year")
    expect(page.get_by_role("heading", name="Reports", exact=True)).to_be_visible()
    assert_accessible(page)


def test_the_board_summary_is_accessible_switches_branch_prints_and_hides_what_is_not_for_paper(
    sign_in, director, fortnight, east_branch, live_server, csp_violations, assert_accessible
):
    page = sign_in(director)
    page.goto(f"{live_server.url}/reports/")
    page.get_by_role("link", name="Board summary").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Board summary")

    page.get_by_label("Month", exact=True).fill("2026-03")
    page.get_by_label("Branch", exact=True).select_option(label="Eastside")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Board summary: March 2026")
    expect(page.locator("#board-scope")).to_contain_text("Eastside")
    assert "month=2026-03" in page.url and f"branch={east_branch.pk}" in page.url
    expect(page.get_by_label("Month", exact=True)).to_have_value("2026-03")
    expect(page.get_by_role("img", name="Interactions day by day")).to_be_visible()
    assert_accessible(page)

    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Print this summary").click()
    assert page.evaluate("window.printed") is True

    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("button", name="Print this summary")).to_be_hidden()
    expect(page.get_by_label("Month", exact=True)).to_be_hidden()
    expect(page.get_by_role("img", name="Interactions day by day")).to_be_visible()
    breaks = page.locator(".board-section").evaluate_all("sections => sections.map(s => getComputedStyle(s).breakBefore)")
    assert breaks[0] == "auto" and len(breaks) > 1 and set(breaks[1:]) == {"page"}
    assert csp_violations == []


def test_a_supervisors_board_summary_is_accessible(sign_in, supervisor, fortnight, live_server, assert_accessible):
    page = sign_in(supervisor)
    page.goto(f"{live_server.url}/reports/board/?month=2026-03")
    expect(page.locator("#board-scope")).to_contain_text("Main")
    assert_accessible(page)
    page.goto(f"{live_server.url}/reports/board/?month=2026-13")
    expect(page.get_by_text("“2026-13” is not a month")).to_be_visible()
    assert_accessible(page)
