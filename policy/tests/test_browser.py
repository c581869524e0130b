"""The policy library and the acknowledgment banner in a real browser."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_policy_library_is_accessible_and_searchable(
    at_the_desk, page, desk, live_server, csp_violations, assert_accessible
):
    at_the_desk(desk)
    page.get_by_role("link", name="Policies").click()
    expect(page.get_by_role("heading", name="Policies", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Teamwork")).to_be_visible()
    assert_accessible(page)

    search = page.get_by_label("Search the principles")
    search.fill("telephone")
    search.press("Enter")
    expect(page.locator("#search-summary")).to_contain_text("2 principles match “telephone”.")
    expect(page.get_by_text("Answer the telephone in a timely manner.")).to_be_visible()
    expect(page.get_by_text("Be flexible.")).to_have_count(0)
    assert_accessible(page)
    assert csp_violations == []


def test_the_banner_leads_to_the_policy_and_goes_once_it_is_read(
    at_the_desk, page, desk, live_server, csp_violations, assert_accessible
):
    at_the_desk(desk)
    banner = page.locator(".policy-banner")
    expect(banner).to_contain_text("Please read the Customer Service Policy")
    assert_accessible(page)
    banner.get_by_role("link", name="Read the Customer Service Policy").click()

    expect(page.get_by_role("heading", name="Customer Service Policy", exact=True)).to_be_visible()
    expect(page.locator("#last-updated")).to_contain_text("Last updated")
    assert_accessible(page)
    page.get_by_role("button", name="I have read it").click()

    expect(page.locator("#acknowledgment")).to_contain_text("that you have read version 1")
    page.get_by_role("link", name="Desk", exact=True).click()
    expect(page.locator(".policy-banner")).to_have_count(0)
    assert csp_violations == []
