"""The live desk's own forms come back half-typed after an idle sign-out, as the desk form
and the feedback forms do (static/js/app.js, data-draft; feedback/tests/test_drafts_browser.py)."""

import re

import pytest
from playwright.sync_api import expect

from desk.models import Callback, HandoverNote, Referral
from interactions.tests.test_browser_confidentiality import go_idle

pytestmark = pytest.mark.browser

FORMS = [
    ("/callbacks/new/", {"Caller's name": "Harold Benn", "What they need": "The state tax forms"}, "Schedule the callback", Callback),
    ("/referrals/new/", {"The patron's question": "A 1950 census for Polk County", "How to reach the patron": "555-0188"}, "Refer the question", Referral),
    ("/desk/handover/new/", {"Note for whoever works here next": "Back at three for the tax forms"}, "Leave the note", HandoverNote),
]


@pytest.mark.parametrize("path, typed, send, model", FORMS, ids=["callback", "referral", "handover"])
def test_a_half_typed_live_desk_form_comes_back_after_the_idle_sign_out(at_the_desk, desk, live_server, path, typed, send, model):
    page = at_the_desk(desk)
    page.goto(f"{live_server.url}{path}")
    for label, text in typed.items():
        page.get_by_label(label).fill(text)
    go_idle(page)
    page.get_by_role("button", name=send).click()
    expect(page.get_by_text("signed out after 15 minutes without activity")).to_be_visible()
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill("demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(f"{re.escape(path)}$"))
    expect(page.get_by_text("What you were typing before you were signed out is back.")).to_be_visible()
    for label, text in typed.items():
        expect(page.get_by_label(label)).to_have_value(text)
    assert not model.objects.exists()
