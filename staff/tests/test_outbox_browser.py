"""The outbox in a real browser: a supervisor finds a failed message, sends it again, and sees
it sent (the live server runs the task at once, through the outbox's real claim and send).
The page is axe-clean, and its header fits one line at 1366 px."""

import os

import pytest
from django.core import mail
from playwright.sync_api import expect

from outbox.models import Message
from outbox.tests.factories import MessageFactory

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("SHOTS_DIR")


def test_a_failed_message_sent_again_shows_as_sent(sign_in, supervisor, main_branch, page, csp_violations, assert_accessible):
    MessageFactory(
        branch=main_branch, subject="Complaint C-7 at Main: your reply", recipients="o.quist@example.net",
        status=Message.Status.FAILED, attempts=8, last_error="ConnectionRefusedError: [Errno 111] Connection refused",
    )
    MessageFactory(branch=main_branch, subject="Review R-3: decide", role=Message.Role.STAFF, status=Message.Status.SENT,
                   body="", recipients="", attempts=1)
    page.set_viewport_size({"width": 1366, "height": 800})
    sign_in(supervisor)
    page.get_by_role("button", name="Oversight").click()
    page.get_by_role("link", name="Outbox").click()
    expect(page.get_by_role("heading", name="Outbox")).to_be_visible()
    failed = page.get_by_role("row").filter(has_text="C-7")
    expect(failed).to_contain_text("Failed")
    expect(failed).to_contain_text("o.quist@example.net")
    assert_accessible(page)
    navbar = page.locator("nav.navbar").first.bounding_box()
    assert navbar["height"] < 80, f"the header wraps at 1366 px: {navbar['height']} px high"
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/outbox-failed.png", full_page=True)

    failed.get_by_role("button", name="Send again").click()
    expect(page.locator(".alert").first).to_contain_text("is queued to be sent again")
    sent = page.get_by_role("row").filter(has_text="C-7")
    expect(sent).to_contain_text("Sent")
    expect(sent).not_to_contain_text("o.quist@example.net")
    expect(sent).not_to_contain_text("Connection refused")
    assert Message.objects.get(subject__startswith="Complaint C-7").status == Message.Status.SENT
    assert [message.to for message in mail.outbox] == [["o.quist@example.net"]]
    assert_accessible(page)
    assert csp_violations == []
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/outbox-sent.png", full_page=True)
