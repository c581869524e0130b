"""The complaint loop in a real browser: desk staff take a complaint from the console, the
supervisor acknowledges it and refers it to the Director, the Director decides it."""

import re

import pytest
from playwright.sync_api import expect

from feedback.models import Complaint

pytestmark = pytest.mark.browser


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_label("Username")).to_be_visible()


def test_desk_supervisor_director(
    at_the_desk, sign_in, desk, supervisor, director, reference_desk, live_server, csp_violations, assert_accessible
):
    # At the desk: from the console to a taken complaint, while the patron is there.
    page = at_the_desk(desk)
    page.get_by_role("link", name="Take a complaint").first.click()
    expect(page.get_by_label("What happened")).to_be_focused()
    page.get_by_label("What happened").fill("The reading room was closed without notice.")
    page.get_by_label("What the patron would like").fill("Notice of closures on the website")
    page.get_by_label("The patron asked to speak to the Director").check()
    page.get_by_label("Patron's name").fill("Ann Patron")
    page.get_by_label("E-mail address").fill("ann@example.org")
    page.get_by_label("The patron wants an answer").check()
    expect(page.get_by_label("Where it happened")).to_have_value(str(reference_desk.pk))
    page.get_by_role("button", name="Take the complaint").click()
    complaint = Complaint.objects.get()
    expect(page.get_by_role("heading", name=f"Complaint {complaint.reference}")).to_be_visible()
    expect(page.get_by_text("The patron asked to speak to the Director.")).to_be_visible()
    sign_out(page)

    # The supervisor finds it in the branch's queue, acknowledges it and refers it on.
    sign_in(supervisor)
    page.goto(f"{live_server.url}/complaints/")
    expect(page.get_by_role("heading", name="Complaints")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=complaint.reference).click()
    assert_accessible(page)
    page.get_by_label("Internal note").first.fill("Spoke to her at the desk")
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.get_by_text("Acknowledged. Let the patron know")).to_be_visible()
    page.get_by_label("Why it goes to the Director (internal)").fill("She asks for the Director; closures are policy.")
    page.get_by_role("button", name="Escalate to the Director").click()
    expect(page.get_by_text("Escalated: the Director has been told.")).to_be_visible()
    sign_out(page)

    # The Director decides it from the escalation queue.
    sign_in(director)
    page.goto(f"{live_server.url}/complaints/escalated/")
    assert_accessible(page)
    page.get_by_role("link", name=complaint.reference).click()
    page.get_by_label("The Director's decision").fill("Closures will be posted a week ahead.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Decision recorded.")).to_be_visible()
    expect(page.locator(".badge", has_text=re.compile("^Decided by the Director$"))).to_be_visible()
    assert_accessible(page)

    complaint.refresh_from_db()
    assert (complaint.status, complaint.decision) == ("decided", "Closures will be posted a week ahead.")
    assert list(complaint.steps.values_list("action", "by__username")) == [
        ("taken", "desk"),
        ("acknowledge", "supervisor"),
        ("escalate", "supervisor"),
        ("decide", "director"),
    ]
    assert csp_violations == []
