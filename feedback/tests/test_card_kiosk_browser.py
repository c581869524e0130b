"""The kiosk tablet through a day of patrons, in a real browser: after an error the Back button
never asks to send the form again, and "thank you" returns to a blank card by itself."""

import pytest
from playwright.sync_api import expect

from feedback.models import CommentCard
from feedback.views import cards as card_views

pytestmark = pytest.mark.browser


def test_back_after_an_error_and_a_card_sent_shows_a_card_not_a_resubmit_page(page, main_branch, live_server, monkeypatch):
    monkeypatch.setattr(card_views, "KIOSK_RETURN_SECONDS", 60)
    page.goto(f"{live_server.url}/comment-card/?branch=main")
    page.get_by_label("Suggestion").check()
    page.get_by_label("Your comment").fill("More seats near the windows.")
    page.get_by_label("I would like a reply").check()
    page.get_by_role("button", name="Send my card").click()
    expect(page.get_by_text("give an e-mail address or a phone number")).to_be_visible()
    expect(page.get_by_label("Your comment")).to_have_value("More seats near the windows.")
    page.get_by_label("Your e-mail or phone (optional)").fill("lena@example.org")
    page.get_by_role("button", name="Send my card").click()
    expect(page.get_by_role("heading", name="Thank you for your card")).to_be_visible()

    response = page.go_back()
    assert response is not None and response.ok and response.request.method == "GET"
    expect(page.get_by_role("heading", name="Tell us what you think")).to_be_visible()
    # The card shown once with its message is gone: the next patron sees a blank card.
    expect(page.get_by_label("Your comment")).to_have_value("")
    assert CommentCard.objects.count() == 1


def test_thank_you_returns_to_a_blank_card_by_itself(page, main_branch, live_server, monkeypatch, csp_violations):
    monkeypatch.setattr(card_views, "KIOSK_RETURN_SECONDS", 1)
    page.goto(f"{live_server.url}/comment-card/?branch=main")
    page.get_by_label("Compliment").check()
    page.get_by_label("Your comment").fill("Lovely staff.")
    page.get_by_role("button", name="Send my card").click()
    expect(page.get_by_role("heading", name="Thank you for your card")).to_be_visible()
    expect(page.get_by_role("heading", name="Tell us what you think")).to_be_visible(timeout=5000)
    expect(page.get_by_label("Your comment")).to_have_value("")
    assert csp_violations == []


def test_a_patron_may_stay_on_the_thank_you_page(page, main_branch, live_server, monkeypatch, assert_accessible):
    monkeypatch.setattr(card_views, "KIOSK_RETURN_SECONDS", 2)
    page.goto(f"{live_server.url}/comment-card/thanks/?branch=main")
    expect(page.get_by_text("This page returns to a blank card in 2 seconds.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Stay on this page").click()
    page.wait_for_timeout(3000)
    expect(page.get_by_role("heading", name="Thank you for your card")).to_be_visible()


def test_the_kinds_radio_buttons_stand_out(page, main_branch, live_server, assert_accessible):
    page.goto(f"{live_server.url}/comment-card/?branch=main")
    radio = page.get_by_label("Suggestion")
    border = radio.evaluate("element => getComputedStyle(element).borderTopColor")
    width = radio.evaluate("element => parseFloat(getComputedStyle(element).borderTopWidth)")
    assert border == "rgb(73, 80, 87)" and width >= 2
    radio.check()
    choice = page.locator(".kiosk-kinds .form-check").filter(has=radio)
    assert choice.evaluate("element => getComputedStyle(element).backgroundColor") == "rgb(231, 241, 255)"
    assert_accessible(page)
