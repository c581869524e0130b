"""Every half-typed form comes back after an idle sign-out, not only the desk form's (static/js/app.js,
data-draft); a form sent is not offered again."""

import re

import pytest
from playwright.sync_api import expect

from feedback.models import Complaint
from interactions.tests.test_browser_confidentiality import go_idle

pytestmark = pytest.mark.browser


def test_a_half_typed_complaint_comes_back_after_the_idle_sign_out(at_the_desk, desk, live_server):
    page = at_the_desk(desk)
    page.goto(f"{live_server.url}/complaints/new/")
    page.get_by_label("What happened").fill("The lift was out of order all week")
    page.get_by_label("Patron's name").fill("Ada Byron")
    go_idle(page)
    page.get_by_role("button", name="Take the complaint").click()
    expect(page.get_by_text("signed out after 15 minutes without activity")).to_be_visible()
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill("demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/complaints/new/$"))
    expect(page.get_by_text("What you were typing before you were signed out is back.")).to_be_visible()
    expect(page.get_by_label("What happened")).to_have_value("The lift was out of order all week")
    expect(page.get_by_label("Patron's name")).to_have_value("Ada Byron")
    assert not Complaint.objects.exists()


def test_a_complaint_sent_is_not_offered_again_as_a_draft(at_the_desk, desk, live_server):
    page = at_the_desk(desk)
    page.goto(f"{live_server.url}/complaints/new/")
    page.get_by_label("What happened").fill("Too cold in the reading room")
    page.get_by_role("button", name="Take the complaint").click()
    page.goto(f"{live_server.url}/complaints/new/")
    expect(page.get_by_label("What happened")).to_have_value("")
    expect(page.get_by_text("What you were typing before you were signed out is back.")).to_have_count(0)
