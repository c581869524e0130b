"""The checklists in a real browser: opening the desk by keyboard, the follow-through page
and the Director's editor, each accessible and within the page's Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

from policy.models import DeskSession

pytestmark = pytest.mark.browser


def test_opening_the_desk_by_keyboard(sign_in, desk, reference_desk, live_server, csp_violations, assert_accessible):
    page = sign_in(desk)
    assert_accessible(page)
    page.get_by_label("Main — Reference desk").check()
    page.keyboard.press("Tab")  # desk staffed
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # service area neat
    page.keyboard.press("Space")
    expect(page.get_by_label("Service area neat and free of clutter")).to_be_checked()
    page.get_by_role("button", name="Work here").click()
    expect(page.locator("#current-service-point")).to_contain_text("Reference desk")
    session = DeskSession.objects.get()
    assert sorted(session.ticks.filter(ticked=True).values_list("item__label", flat=True)) == [
        "Desk staffed",
        "Service area neat and free of clutter",
    ]

    page.get_by_text("Close the desk").click()
    page.get_by_label("Name tag worn all day").check()
    assert_accessible(page)
    page.get_by_role("button", name="Close Reference desk for today").click()
    expect(page.get_by_text("Reference desk is closed for today: 1 of 5 closing items ticked.")).to_be_visible()
    assert csp_violations == []


def test_the_follow_through_page_is_accessible(
    at_the_desk, page, supervisor, desk, live_server, csp_violations, assert_accessible
):
    at_the_desk(desk)
    page.get_by_role("button", name="Directional", exact=True).click()
    expect(page.locator("#todays-log tbody tr")).to_have_count(1)
    page.context.clear_cookies()
    at_the_desk(supervisor)
    page.get_by_role("link", name="Policies").click()
    page.get_by_role("link", name="Checklist follow-through").click()
    expect(page.get_by_role("heading", name="Checklist follow-through")).to_be_visible()
    expect(page.get_by_role("row", name="Reference desk")).to_contain_text("33%")
    assert_accessible(page)
    page.get_by_label("Team", exact=True).select_option(label="Main — Reference desk")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Item by item: Main — Reference desk")).to_be_visible()
    assert_accessible(page)
    assert csp_violations == []


def test_the_director_edits_a_checklist(at_the_desk, page, director, live_server, csp_violations, assert_accessible):
    at_the_desk(director)
    page.get_by_role("link", name="Policies").click()
    page.get_by_role("link", name="Edit the checklists").click()
    assert_accessible(page)
    page.get_by_label("What staff read (item 2)").first.fill("Asked: anything else?")
    page.get_by_role("button", name="Save the Interaction checklist").click()
    expect(page.get_by_text("The Interaction checklist is saved.")).to_be_visible()
    page.get_by_role("link", name="Desk", exact=True).click()
    expect(page.get_by_label("Asked: anything else?")).to_be_visible()
    assert csp_violations == []
