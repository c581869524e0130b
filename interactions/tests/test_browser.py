"""The desk loop in a real browser: sign in, choose a service point, quick-log, log with the
full form by keyboard alone, and see both in today's log."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_desk_staff_quick_log_and_full_log_by_keyboard(sign_in, desk, reference_desk, circulation_desk, live_server, csp_violations):
    page = sign_in(desk)

    # After signing in, choose the service point; it is shown in the header.
    expect(page.get_by_role("heading", name="Where are you working?")).to_be_visible()
    page.get_by_label("Main — Reference desk").check()
    page.get_by_role("button", name="Work here").click()
    expect(page.locator("#current-service-point")).to_contain_text("Reference desk")

    # One click logs an interaction, without a page load, and offers an undo.
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("button", name="Directional", exact=True).click()
    expect(page.locator("#quick-log [role=status]")).to_contain_text("Logged Directional")
    expect(page.get_by_role("button", name="Undo")).to_be_visible()
    expect(page.locator("#todays-log tbody tr")).to_have_count(1)
    assert page.evaluate("window.__sameDocument") is True

    # The full form by keyboard alone: focus starts in its first field.
    kind = page.get_by_label("Kind of question")
    kind.focus()
    page.keyboard.press("R")  # Reference
    page.keyboard.press("Tab")  # channel: In person is already chosen
    page.keyboard.press("Tab")  # READ effort
    page.keyboard.press("ArrowRight")  # 2
    page.keyboard.press("Tab")  # outcome: Answered
    page.keyboard.press("Tab")  # duration (the alternative is hidden while the outcome is answered)
    page.keyboard.type("7")
    page.keyboard.press("Tab")  # greeted with a smile: ticked already
    expect(page.get_by_label("Greeted with a smile")).to_be_focused()
    expect(page.get_by_label("Greeted with a smile")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # follow-up question asked
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # invited to return
    expect(page.get_by_label("Invited to return")).to_be_checked()
    page.keyboard.press("Enter")

    expect(page.locator("#todays-log tbody tr")).to_have_count(2)
    expect(page.locator("#todays-log tbody tr").first).to_contain_text("Reference")
    expect(page.locator("#todays-log")).to_contain_text("Directional: 1")
    expect(page.locator("#todays-log")).to_contain_text("Reference: 1")
    # Focus is back in the first field for the next patron.
    expect(page.get_by_label("Kind of question")).to_be_focused()
    assert page.evaluate("window.__sameDocument") is True

    from interactions.models import Interaction

    # The undo offer goes away when its 10 seconds are up.
    expect(page.get_by_role("button", name="Undo")).to_be_hidden(timeout=15_000)

    logged = Interaction.objects.get(kind__name="Reference")
    assert (logged.effort, logged.duration_minutes) == (2, 7)
    assert set(logged.checklist_ticks.filter(ticked=True).values_list("item__label", flat=True)) == {
        "Greeted with a smile",
        "Follow-up question asked",
        "Invited to return",
    }
    # The one-click entry ticked the checklist's default.
    quick = Interaction.objects.get(kind__name="Directional")
    assert list(quick.checklist_ticks.filter(ticked=True).values_list("item__label", flat=True)) == ["Greeted with a smile"]
    assert csp_violations == []


def test_the_alternative_is_asked_only_when_it_is_needed(sign_in, desk, reference_desk, live_server):
    page = sign_in(desk)
    page.get_by_label("Main — Reference desk").check()
    page.get_by_role("button", name="Work here").click()
    alternative = page.get_by_label("Alternative offered")
    offered = page.get_by_label("Offered an alternative")
    expect(alternative).to_be_hidden()
    expect(offered).to_be_hidden()
    page.get_by_label("Outcome").select_option(label="Could not help")
    expect(alternative).to_be_visible()
    expect(offered).to_be_visible()


def test_the_phone_items_are_asked_only_for_a_call(at_the_desk, desk, live_server, csp_violations):
    page = at_the_desk(desk)
    named = page.get_by_label("Library named, with a friendly greeting")
    callback = page.get_by_label("Callback offered", exact=False)
    expect(named).to_be_hidden()
    page.get_by_label("Phone", exact=True).check()
    expect(named).to_be_visible()
    expect(callback).to_be_visible()
    named.focus()
    page.keyboard.press("Space")
    expect(named).to_be_checked()
    page.get_by_label("In person").check()
    expect(named).to_be_hidden()
    assert csp_violations == []


def test_the_sign_in_page_and_the_console_are_accessible(
    sign_in, page, desk, reference_desk, live_server, csp_violations, assert_accessible
):
    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(page)
    sign_in(desk)
    assert_accessible(page)  # choosing the service point, with the header's reminder
    page.get_by_label("Main — Reference desk").check()
    page.get_by_role("button", name="Work here").click()
    page.get_by_role("button", name="Directional", exact=True).click()
    expect(page.locator("#todays-log tbody tr")).to_have_count(1)
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^\d\d:\d\d$")).first.click()
    assert_accessible(page)
    assert csp_violations == []
