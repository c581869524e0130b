"""Handover and coverage in a real browser, by keyboard alone: one person signs on and leaves
a handover note, a colleague signing on there sees it and dismisses it; the supervisor's
coverage board is accessible."""

import datetime

import pytest
from playwright.sync_api import expect

from desk.models import HandoverNote
from staff.models import OpeningHours, Shift
from staff.shifts import shift_start

pytestmark = pytest.mark.browser

NOTE = "A patron is coming back at three for the tax forms."


def sign_on_by_keyboard(page, label):
    page.get_by_label(label).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Work here").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#current-service-point")).to_contain_text("Reference desk")


def test_a_handover_note_from_one_shift_to_the_next(sign_in, desk, desk2, reference_desk, live_server, csp_violations, assert_accessible):
    page = sign_in(desk)
    sign_on_by_keyboard(page, "Main — Reference desk")
    link = page.get_by_role("link", name="Leave a handover note")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Note for whoever works here next")).to_be_focused()
    page.keyboard.type(NOTE)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#handover")).to_contain_text(NOTE)
    page.locator("#current-service-point .dropdown-toggle").focus()  # where I work, and signing off
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Sign off from Reference desk").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("You signed off from Main — Reference desk.")).to_be_visible()
    assert Shift.objects.get(user=desk).ended_at is not None

    page.context.clear_cookies()
    page = sign_in(desk2)
    sign_on_by_keyboard(page, "Main — Reference desk")
    expect(page.locator(".messages")).to_contain_text(NOTE)
    handover = page.locator("#handover")
    expect(handover).to_contain_text(NOTE)
    assert_accessible(page)
    handover.get_by_role("button", name="Dismiss").focus()
    page.keyboard.press("Enter")
    expect(handover).to_contain_text("Handover note dismissed.")
    expect(handover).not_to_contain_text(NOTE)
    assert HandoverNote.objects.get().dismissed_by == desk2
    assert csp_violations == []


def test_the_coverage_board_is_accessible(
    at_the_desk, page, desk, supervisor, main_branch, reference_desk, circulation_desk, live_server, csp_violations,
    assert_accessible,
):
    for weekday in range(7):
        OpeningHours.objects.create(branch=main_branch, weekday=weekday, opens=datetime.time(0), closes=datetime.time(23, 59))
    shift_start(by=desk, service_point=reference_desk)  # desk staff on the reference desk, at another terminal
    at_the_desk(supervisor)
    page.goto(f"{live_server.url}/desk/coverage/")
    board = page.locator("#coverage-board")
    expect(board.get_by_role("row", name="Reference desk")).to_contain_text("Open")
    expect(board.get_by_role("row", name="Circulation desk")).to_contain_text("Open, nobody on it")
    assert_accessible(page)
    assert csp_violations == []
