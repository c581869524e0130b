"""A phone callback in a real browser, by keyboard alone: a call logged at the desk with the
outcome "callback scheduled" offers the callback's form, prefilled; a colleague then makes the
call and records it done, which logs it. The list and the callback's page are axe-clean."""

import re

import pytest
from playwright.sync_api import expect

from desk.models import Callback
from interactions.models import Interaction

pytestmark = pytest.mark.browser


def tab_to(page, target, most=12):
    """Press Tab until `target` has the focus, as a person would."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{target} is not reached by Tab")


def test_a_callback_goes_from_scheduled_to_done_with_its_interaction(
    at_the_desk, desk, desk2, live_server, page, csp_violations, assert_accessible
):
    at_the_desk(desk)

    # The desk form: a phone call whose outcome is "callback scheduled".
    page.get_by_label("Kind of question").focus()
    page.keyboard.press("R")  # Reference
    page.keyboard.press("Tab")  # channel
    page.keyboard.press("ArrowRight")  # Phone
    expect(page.get_by_label("Phone", exact=True)).to_be_checked()
    page.keyboard.press("Tab")  # READ effort
    page.keyboard.press("Tab")  # outcome
    page.keyboard.press("C")  # Callback scheduled
    expect(page.get_by_label("Outcome")).to_have_value("callback")
    page.keyboard.press("Tab")  # duration
    page.keyboard.type("2")
    page.keyboard.press("Enter")

    # The answer offers the callback's form, and the focus is on the offer.
    offer = page.get_by_role("link", name="Schedule the callback")
    expect(offer).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Schedule a callback")).to_be_visible()
    expect(page.get_by_label("Caller's name")).to_be_focused()
    page.keyboard.type("Harold Benn")
    page.keyboard.press("Tab")
    page.keyboard.type("555-0112")
    page.keyboard.press("Tab")
    page.keyboard.type("Are the state tax forms in?")
    # Due by (two open hours from now, as offered; Chromium stops at each part of the date and
    # time) and who calls back (whoever is on the desk) stay as they are.
    tab_to(page, page.get_by_role("button", name="Schedule the callback"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile(r"Callback CB-\d+"))).to_be_visible()
    callback = Callback.objects.get()
    assert callback.interaction == Interaction.objects.get() and callback.caller_name == "Harold Benn"

    # A colleague at the same desk sees it on the console and makes the call.
    page.context.clear_cookies()
    at_the_desk(desk2)
    section = page.locator("#live-callbacks")
    expect(section).to_contain_text(callback.reference)
    section.get_by_role("link", name=re.compile(callback.reference)).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("555-0112")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("What came of the call").focus()
    page.keyboard.type("The forms are in; two copies set aside at the desk.")
    page.keyboard.press("Tab")  # kind: the one of the call it came from
    expect(page.get_by_label("Kind of question (for the log)")).to_have_value(str(callback.interaction.kind_id))
    page.keyboard.press("Tab")
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Done: log the call")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_text("Done, and the call is in today's log.")).to_be_visible()
    callback.refresh_from_db()
    call = callback.done_interaction
    assert callback.status == Callback.Status.DONE
    assert (call.staff, call.channel, call.service_point, call.duration_minutes) == (desk2, "phone", callback.service_point, 3)
    expect(page.get_by_role("link", name=re.compile("phone"))).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/callbacks/?status=all")
    expect(page.get_by_role("link", name=callback.reference)).to_be_visible()
    assert_accessible(page)
    assert csp_violations == []
