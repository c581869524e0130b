"""A complaint response in a real browser: the template sent untouched is refused with the part
still to write, and neither sent nor printable; written and sent, it is what the patron gets."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from feedback.models import Complaint, Reply
from feedback.tests.factories import ComplaintFactory

pytestmark = pytest.mark.browser

INSTRUCTION = "[What we found, what we have done, and what happens next.]"
ANSWER = "The reading room closed for a burst pipe; closures will now be posted a week ahead."


def test_an_untouched_response_is_refused_then_written_and_sent(
    sign_in, page, live_server, desk, supervisor, reference_desk, csp_violations, assert_accessible
):
    complaint = ComplaintFactory(
        service_point=reference_desk, taken_by=desk, contact_name="Ann Patron", contact_email="ann@example.org",
        status=Complaint.Status.IN_PROGRESS,
    )
    sign_in(supervisor)
    page.goto(f"{live_server.url}/complaints/{complaint.pk}/")
    response = page.get_by_label("Response to the patron")
    expect(response).to_have_value(re.compile(r"^Dear Ann Patron,\n\nThank you for taking the time"))
    draft = response.input_value()
    assert INSTRUCTION in draft

    # Sent as the template left it: refused, with the part to write quoted and the text kept.
    page.get_by_label("Send it by e-mail to ann@example.org").check()
    page.get_by_role("button", name="Send or record the response").click()
    expect(page.get_by_text(f"Write the part that still says “{INSTRUCTION}”")).to_be_visible()
    expect(response).to_have_value(draft)
    assert_accessible(page)
    assert mail.outbox == [] and not Reply.objects.exists()

    # Saved as a draft, it is not printable as a letter either; the letter page has its h1.
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_role("link", name="Print it as a letter").click()
    expect(page.get_by_role("heading", level=1, name=f"Letter for complaint {complaint.reference}")).to_be_visible()
    expect(page.get_by_text("Not ready to print: Write the part that still says")).to_be_visible()
    expect(page.get_by_role("button", name="Print the letter")).to_have_count(0)
    assert_accessible(page)
    page.go_back()

    # Written and sent: the patron gets the answer, and no instruction.
    page.reload()
    response.fill(response.input_value().replace(INSTRUCTION, ANSWER))
    page.get_by_label("Send it by e-mail to ann@example.org").check()
    page.get_by_role("button", name="Send or record the response").click()
    expect(page.locator(".messages")).to_contain_text("Response sent or recorded as given.")
    [sent] = mail.outbox
    assert sent.to == ["ann@example.org"]
    assert sent.subject == f"Our response to your comments (reference {complaint.reference})"
    assert ANSWER in sent.body and "[" not in sent.body
    assert "you may ask for it to be referred to the Library Director." in sent.body
    assert Reply.objects.get().body == sent.body
    assert csp_violations == []
