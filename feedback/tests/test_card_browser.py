"""The comment-card loop in a real browser: a patron fills in a card on the kiosk tablet
(nobody signed in), and the branch's supervisor replies to it."""

import pytest
from playwright.sync_api import expect

from feedback.models import CommentCard, Reply

pytestmark = pytest.mark.browser


def test_kiosk_card_to_supervisor_reply(page, sign_in, supervisor, main_branch, reference_desk, live_server, csp_violations, assert_accessible):
    # The tablet at the entrance, set up once for Main.
    page.set_viewport_size({"width": 820, "height": 1180})
    page.goto(f"{live_server.url}/comment-card/?branch=main")
    expect(page.get_by_role("heading", name="Tell us what you think")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    assert_accessible(page)

    # A refusal keeps what was typed.
    page.get_by_label("Suggestion").check()
    page.get_by_label("Your comment").fill("Please add more seats near the windows.")
    page.get_by_label("I would like a reply").check()
    page.get_by_role("button", name="Send my card").click()
    expect(page.get_by_text("give an e-mail address or a phone number")).to_be_visible()
    expect(page.get_by_label("Your comment")).to_have_value("Please add more seats near the windows.")
    assert_accessible(page)

    page.get_by_label("Your e-mail or phone (optional)").fill("lena@example.org")
    page.get_by_label("Your name (optional)").fill("Lena Okafor")
    page.get_by_role("button", name="Send my card").click()
    expect(page.get_by_role("heading", name="Thank you for your card")).to_be_visible()
    expect(page.get_by_text("Lena")).to_have_count(0)
    assert_accessible(page)

    # The next patron gets an empty card.
    page.get_by_role("link", name="Fill in another card").click()
    expect(page.get_by_label("Your comment")).to_have_value("")
    expect(page.get_by_label("Your name (optional)")).to_have_value("")
    card = CommentCard.objects.get()
    assert (card.branch, card.wants_reply) == (main_branch, True)

    # The supervisor finds it in the branch's queue and replies by e-mail.
    sign_in(supervisor)
    page.goto(f"{live_server.url}/feedback/")
    expect(page.get_by_role("heading", name="Comment cards")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=card.reference).click()
    # The comment, and again beside the form that turns it into a purchase suggestion.
    expect(page.get_by_text("Please add more seats near the windows.").first).to_be_visible()
    expect(page.locator("#to-suggestion-comment")).to_contain_text("Please add more seats near the windows.")
    assert_accessible(page)
    page.get_by_label("Reply to the patron").fill("Dear Lena, we are adding six seats next month.")
    page.get_by_label("Send it by e-mail to lena@example.org").check()
    page.get_by_role("button", name="Send or record the reply").click()
    expect(page.get_by_text("Reply sent or recorded as given.")).to_be_visible()
    expect(page.locator(".badge", has_text="Replied")).to_be_visible()

    card.refresh_from_db()
    assert card.status == "replied"
    assert Reply.objects.get().sent_to == "lena@example.org"
    assert csp_violations == []
