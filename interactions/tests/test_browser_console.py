"""The console with the keyboard and for a whole shift, in a real browser: shortcuts and
their list, the focus after a one-click log, the When choice, the idle warning, and drafts
of the desk form after an idle sign-out (the other forms': feedback/tests/test_drafts_browser.py)."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from interactions.models import Interaction

pytestmark = pytest.mark.browser


def test_alt_shift_and_a_number_logs_a_quick_kind_and_leaves_the_focus_where_it_was(at_the_desk, desk):
    page = at_the_desk(desk)
    note = page.get_by_label("Confidential note")
    note.fill("half a sentence")
    page.keyboard.press("Alt+Shift+1")
    expect(page.locator("#todays-log tbody tr")).to_have_count(1)
    expect(note).to_be_focused()
    expect(note).to_have_value("half a sentence")
    first_kind = page.locator("#quick-log .quick-log-button").first.inner_text()
    assert Interaction.objects.get().kind.name == first_kind


def test_after_a_one_click_log_the_focus_returns_to_the_button_pressed(at_the_desk, desk):
    page = at_the_desk(desk)
    second = page.locator("#quick-log .quick-log-button").nth(1)
    button_id = second.get_attribute("id")
    second.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#todays-log tbody tr")).to_have_count(1)
    expect(page.locator(f"#{button_id}")).to_be_focused()
    page.keyboard.press("Alt+Shift+R")
    expect(page.locator("#todays-log tbody tr")).to_have_count(2)
    expect(page.locator(f"#{button_id}")).to_be_focused()
    # Undo by its shortcut: the entry goes, and the focus is still on the button.
    page.keyboard.press("Alt+Shift+U")
    expect(page.locator("#todays-log tbody tr")).to_have_count(1)
    expect(page.locator(f"#{button_id}")).to_be_focused()


def test_the_shortcut_list_opens_with_a_question_mark_closes_with_escape_and_gives_the_focus_back(
    at_the_desk, desk, assert_accessible, csp_violations
):
    page = at_the_desk(desk)
    heading = page.locator("#todays-log-heading")
    heading.evaluate("element => { element.tabIndex = -1; element.focus(); }")
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Close")).to_be_focused()
    first_kind = page.locator("#quick-log .quick-log-button").first.inner_text()
    expect(dialog).to_contain_text(f"Log {first_kind} in one click")
    expect(dialog).to_contain_text("Repeat last")
    assert_accessible(page)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(heading).to_be_focused()
    # From inside a field "?" is typed, not a shortcut; Alt+Shift+H opens the list from anywhere.
    note = page.get_by_label("Confidential note")
    note.focus()
    page.keyboard.type("?")
    expect(dialog).to_be_hidden()
    expect(note).to_have_value("?")
    page.keyboard.press("Alt+Shift+H")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Close").click()
    expect(note).to_be_focused()
    assert csp_violations == []


def test_shortcuts_reach_the_details_form_and_the_patron_requests(at_the_desk, desk):
    page = at_the_desk(desk)
    page.get_by_label("Confidential note").focus()
    page.keyboard.press("Alt+Shift+L")
    expect(page.get_by_label("Kind of question")).to_be_focused()
    page.keyboard.press("Alt+Shift+S")
    expect(page.locator("#todays-log tbody tr")).to_have_count(1)
    page.keyboard.press("Alt+Shift+C")
    expect(page).to_have_url(re.compile(r"/complaints/new/$"))


def test_shortcuts_reach_the_live_desks_actions(at_the_desk, desk):
    page = at_the_desk(desk)
    expect(page.get_by_label("Add a waiting patron")).to_be_visible()  # the live lists have loaded
    page.get_by_label("Confidential note").focus()
    page.keyboard.press("Alt+Shift+W")
    expect(page.get_by_label("Add a waiting patron")).to_be_focused()
    for key, heading in [("B", "Schedule a callback"), ("F", "Refer a question"), ("N", "Leave a handover note")]:
        page.keyboard.press(f"Alt+Shift+{key}")
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        page.go_back()
        expect(page.get_by_label("Add a waiting patron")).to_be_visible()


def test_when_is_one_stop_now_by_default_and_the_exact_time_shows_only_when_chosen(at_the_desk, desk):
    page = at_the_desk(desk)
    when = page.get_by_label("When")
    expect(when).to_have_value("now")
    expect(page.get_by_label("Exact time")).to_be_hidden()
    when.select_option("15")
    expect(page.get_by_label("Exact time")).to_be_hidden()
    when.select_option("exact")
    expect(page.get_by_label("Exact time")).to_be_visible()
    page.get_by_label("Exact time").fill("2020-01-01 13:30")
    page.get_by_role("button", name="Log interaction").click()
    # A fresh form: now again.
    expect(page.get_by_label("Exact time")).to_be_hidden()
    interaction = Interaction.objects.get()
    assert timezone.localtime(interaction.occurred_at).strftime("%Y-%m-%d %H:%M") == "2020-01-01 13:30"


def test_before_an_idle_sign_out_a_warning_whose_button_alone_keeps_the_session(at_the_desk, desk):
    page = at_the_desk(desk)
    kept = []
    page.on("request", lambda request: "stay-signed-in" in request.url and kept.append(request))
    page.clock.install()
    page.reload()
    warning = page.get_by_role("dialog", name="Are you still there?")
    page.clock.fast_forward("12:50")
    expect(warning).to_be_hidden()
    page.clock.fast_forward("00:11")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("signed out in 2 min 00 s")
    expect(warning.get_by_role("button", name="Stay signed in")).to_be_focused()
    page.clock.run_for("00:30")
    expect(warning).to_contain_text("signed out in 1 min 30 s")
    # Showing the warning and counting down asked the server nothing.
    assert kept == []
    warning.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_be_hidden()
    assert len(kept) == 1
    # The clock starts again: no warning until the idle time has nearly passed again.
    page.clock.fast_forward("12:00")
    expect(warning).to_be_hidden()


@pytest.mark.parametrize("persona", ["desk", "supervisor", "director", "itadmin"])
def test_the_header_is_one_line_at_1366_pixels(persona, request, at_the_desk, sign_in, live_server):
    """The widest header (the Director's: every menu, Reports, Oversight, where they work and
    their name) fits the library's common terminal width without wrapping; a name cut short
    to fit is whole in its title."""
    user = request.getfixturevalue(persona)
    user.first_name, user.last_name = "Alexandra", "Montgomery-Smith"
    user.save()
    if persona == "itadmin":  # no desk: the Administrator's pages outside the Django admin
        page = sign_in(user)
        page.goto(f"{live_server.url}/access-record/")
    else:
        page = at_the_desk(user)
    page.set_viewport_size({"width": 1366, "height": 768})
    assert page.locator("nav.app-navbar").bounding_box()["height"] < 60
    assert page.locator(".app-user-name").get_attribute("title").startswith("Alexandra Montgomery-Smith")


def test_a_quick_log_answered_by_the_503_page_says_it_was_not_saved_and_the_next_one_clears_it(at_the_desk, desk):
    page = at_the_desk(desk)
    button = page.locator("#quick-log .quick-log-button").first
    page.route("**/desk/quick/**", lambda route: route.fulfill(status=503, body="<h1>Back in a moment</h1>"))
    button.click()
    expect(page.get_by_role("alert")).to_contain_text("Not saved: the service desk could not reach its database")
    assert not Interaction.objects.exists()
    page.unroute("**/desk/quick/**")
    page.locator("#quick-log .quick-log-button").first.click()
    expect(page.locator("#todays-log tbody tr")).to_have_count(1)
    expect(page.locator("#request-failed")).to_have_count(0)


def test_a_quick_log_that_never_reaches_the_server_says_so(at_the_desk, desk):
    page = at_the_desk(desk)
    page.route("**/desk/quick/**", lambda route: route.abort())
    page.locator("#quick-log .quick-log-button").first.click()
    expect(page.get_by_role("alert")).to_contain_text("Not saved: the server could not be reached")
