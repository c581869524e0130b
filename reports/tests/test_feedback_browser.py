"""The feedback sections in a real browser, with records in each: axe finds no WCAG A/AA
violation, the Content-Security-Policy none either; a data table opens and a CSV downloads."""

import csv
import io

import pytest
from playwright.sync_api import expect

from reports.tests.conftest import PERIOD
from reports.tests.feedback_records import (  # noqa: F401  (fixtures)
    cards_fortnight,
    checklists_fortnight,
    complaints_fortnight,
    reviews_fortnight,
    suggestions_fortnight,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures(
        "complaints_fortnight", "reviews_fortnight", "cards_fortnight", "suggestions_fortnight", "checklists_fortnight"
    ),
]


def test_the_director_reads_the_feedback_sections_and_downloads_a_csv(
    sign_in, director, live_server, csp_violations, assert_accessible
):
    page = sign_in(director)
    page.goto(f"{live_server.url}/reports/?" + "&".join(f"{key}={value}" for key, value in PERIOD.items()))
    expect(page.get_by_role("heading", name="Complaints", exact=True)).to_be_visible()
    expect(page.get_by_role("img", name="Checklist items ticked, week by week (%)")).to_be_visible()
    by_policy = page.locator("#complaints-by-policy")
    by_policy.get_by_text("Data table").click()
    expect(by_policy.get_by_role("table")).to_contain_text("Fines and fees")
    assert_accessible(page)

    with page.expect_download() as download_info:
        by_policy.get_by_role("link", name="CSV of Complaints by the policy they concern").click()
    download = download_info.value
    assert download.suggested_filename == "complaints-by-policy-2026-03-02-2026-03-15.csv"
    rows = list(csv.reader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    assert rows[:2] == [
        ["Policy or section concerned", "Received", "Share (%)", "Escalated to the Director"],
        ["Fines and fees", "2", "40.0", "1"],
    ]
    assert csp_violations == []


def test_a_supervisors_feedback_sections_are_accessible(sign_in, supervisor, live_server, assert_accessible):
    page = sign_in(supervisor)
    page.goto(f"{live_server.url}/reports/?" + "&".join(f"{key}={value}" for key, value in PERIOD.items()))
    expect(page.get_by_role("heading", name="Collection-review requests", exact=True)).to_be_visible()
    assert_accessible(page)
