"""Two staff at one desk share its waiting list, in a real browser, by keyboard alone: one
adds a waiting patron, the other sees them come in with the next refresh and serves them
(the desk form opens, in person, the focus in its first field); the first, who had not seen
that yet, is told who served them instead of an error page."""

import pytest
from playwright.sync_api import expect

from desk.models import WaitingPatron

pytestmark = pytest.mark.browser


def test_two_staff_at_one_desk_keep_one_waiting_list(
    at_the_desk, page, browser, live_server, desk, desk2, csp_violations, assert_accessible
):
    desk2.first_name, desk2.last_name = "Tomas", "Lindqvist"
    desk2.save()
    maya = at_the_desk(desk)
    other = browser.new_context()
    tomas = other.new_page()
    tomas.goto(f"{live_server.url}/accounts/login/")
    tomas.get_by_label("Username").fill(desk2.username)
    tomas.get_by_label("Password").fill("demo")
    tomas.keyboard.press("Enter")
    tomas.get_by_label("Main — Reference desk").check()
    tomas.keyboard.press("Enter")
    expect(tomas.get_by_role("heading", name="Waiting at Reference desk")).to_be_visible()
    expect(tomas.locator("#waiting")).to_contain_text("Nobody is waiting.")

    # Maya adds two patrons: a name, Enter, and the field is ready for the next one.
    field = maya.get_by_label("Add a waiting patron")
    field.focus()
    maya.keyboard.type("Sam")
    maya.keyboard.press("Enter")
    expect(maya.locator("#waiting li")).to_have_count(1)
    expect(field).to_be_focused()
    expect(field).to_have_value("")
    maya.keyboard.type("Man in a red coat")
    maya.keyboard.press("Enter")
    expect(maya.locator("#waiting li")).to_have_count(2)
    expect(maya.locator("#waiting li").first).to_contain_text("Sam")
    expect(maya.locator("#waiting li").first).to_contain_text("Not acknowledged yet")
    # What changed is read out politely.
    expect(maya.locator("[role=status][aria-live=polite]").last).to_contain_text("Man in a red coat is on the waiting list.")
    assert_accessible(maya)

    # Tomas's list brings them in with its next refresh, without a reload.
    expect(tomas.locator("#waiting li")).to_have_count(2, timeout=20_000)

    # Maya starts typing the next one: her list waits (it would take her text) while Tomas
    # serves Sam, and the desk form opens for him, in person, the focus in its first field.
    maya.keyboard.type("Ana")
    tomas.bring_to_front()  # two terminals: each person's keys go to their own
    tomas.get_by_role("button", name="Serve Sam").focus()
    tomas.keyboard.press("Enter")
    expect(tomas).to_have_url(f"{live_server.url}/desk/?channel=in_person")
    expect(tomas.get_by_text("Serving Sam: log the interaction below when you are done.")).to_be_visible()
    expect(tomas.get_by_label("Kind of question")).to_be_focused()
    expect(tomas.get_by_label("In person")).to_be_checked()
    expect(tomas.locator("#waiting li")).to_have_count(1)

    # Maya, whose list still shows Sam, acknowledges him: she is told, and keeps her text.
    maya.bring_to_front()
    maya.keyboard.press("Tab")  # Add
    maya.keyboard.press("Tab")
    expect(maya.get_by_role("button", name="Acknowledge Sam")).to_be_focused()
    maya.keyboard.press("Enter")
    expect(maya.locator("#waiting")).to_contain_text("Sam is no longer waiting: Tomas Lindqvist served them at")
    expect(maya.locator("#waiting li")).to_have_count(1)
    expect(field).to_be_focused()
    expect(field).to_have_value("Ana")
    maya.keyboard.press("Enter")
    expect(maya.locator("#waiting li")).to_have_count(2)
    expect(field).to_be_focused()  # once the answer has settled, ready for the next one

    # The man in the red coat: acknowledged, then the focus is on serving him; he leaves.
    maya.get_by_role("button", name="Acknowledge Man in a red coat").focus()
    maya.keyboard.press("Enter")
    expect(maya.locator("#waiting li").first).to_contain_text("Acknowledged by")
    expect(maya.get_by_role("button", name="Serve Man in a red coat")).to_be_focused()
    maya.keyboard.press("Tab")
    expect(maya.get_by_role("button", name="Left without being served: Man in a red coat")).to_be_focused()
    maya.keyboard.press("Enter")
    expect(maya.locator("#waiting li")).to_have_count(1)
    expect(maya.locator("#waiting li")).to_contain_text("Ana")
    assert_accessible(maya)

    statuses = dict(WaitingPatron.objects.values_list("label", "status"))
    assert statuses == {"Sam": "served", "Man in a red coat": "left", "Ana": "waiting"}
    assert WaitingPatron.objects.get(label="Sam").ended_by == desk2
    assert csp_violations == []
    other.close()


def test_a_refresh_on_its_way_when_typing_began_does_not_take_the_text(at_the_desk, desk):
    """The lists' refresh leaves while the field is empty; the person types before its answer
    comes back. The answer is dropped, not swapped in over what they typed."""
    maya = at_the_desk(desk)
    expect(maya.get_by_label("Add a waiting patron")).to_have_value("")
    maya.wait_for_load_state()  # the console's own page, not the sign-in's, gets the listener
    maya.evaluate(
        """() => document.body.addEventListener("htmx:beforeSend", (event) => {
            if (!event.detail.requestConfig.headers["X-Background-Refresh"]) { return; }
            const field = document.getElementById("id_waiting-label");
            field.value = "Ana";
            field.dispatchEvent(new Event("input", { bubbles: true }));
            window.typedDuringRefresh = true;
        }, { once: true })"""
    )
    maya.wait_for_event("response", lambda response: "/desk/live/" in response.url, timeout=30_000)
    assert maya.evaluate("window.typedDuringRefresh") is True
    maya.wait_for_timeout(200)  # the answer's swap, had it been let through
    expect(maya.get_by_label("Add a waiting patron")).to_have_value("Ana")
