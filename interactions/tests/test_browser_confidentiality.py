"""Confidentiality on a shared desk terminal, in a real browser."""

import time
from importlib import import_module

import pytest
from django.conf import settings
from playwright.sync_api import expect

from interactions.tests.factories import InteractionFactory
from staff.middleware import SessionLimitsMiddleware

pytestmark = pytest.mark.browser


def go_idle(page):
    """As if the terminal had been left alone for an hour."""
    [cookie] = [c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME]
    session = import_module(settings.SESSION_ENGINE).SessionStore(cookie["value"])
    session[SessionLimitsMiddleware.LAST_SEEN] = int(time.time()) - 3600
    session.save()


def test_a_half_typed_desk_form_comes_back_after_the_idle_sign_out(at_the_desk, desk, reference_desk, sign_in):
    page = at_the_desk(desk)
    page.get_by_label("Confidential note").fill("Wants the 1950 census for Polk County")
    page.get_by_label("Duration (minutes)").fill("12")
    page.get_by_label("4 — subject knowledge, in-depth instruction").check()
    # The minute the page offered is not part of the draft: the page after signing in offers
    # its own, so the time in the draft counts as typed, not as "now".
    page.evaluate(
        """() => {
            const offered = document.querySelector('[name="initial-occurred_at"]');
            offered.value = "offered before";
            offered.form.dispatchEvent(new Event("input"));
        }"""
    )
    go_idle(page)

    page.get_by_role("button", name="Log interaction").click()
    expect(page.get_by_text("signed out after 15 minutes without activity")).to_be_visible()
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill("demo")
    page.get_by_role("button", name="Sign in").click()
    # Back at the service point the idle sign-out took the person from.
    expect(page.locator("#current-service-point")).to_contain_text("Reference desk")

    expect(page.get_by_text("What you were typing before you were signed out is back.")).to_be_visible()
    expect(page.get_by_label("Confidential note")).to_have_value("Wants the 1950 census for Polk County")
    expect(page.get_by_label("Duration (minutes)")).to_have_value("12")
    expect(page.get_by_label("4 — subject knowledge, in-depth instruction")).to_be_checked()
    expect(page.locator('[name="initial-occurred_at"]')).not_to_have_value("offered before")

    page.get_by_role("button", name="Log interaction").click()
    expect(page.locator("#todays-log tbody tr")).to_have_count(1)
    page.reload()
    expect(page.get_by_label("Confidential note")).to_have_value("")


def test_a_colleague_signing_in_at_the_same_terminal_does_not_get_the_draft(at_the_desk, desk, desk2, reference_desk):
    page = at_the_desk(desk)
    page.get_by_label("Confidential note").fill("Private to desk")
    page.get_by_role("button", name="Sign out").click()
    page.get_by_label("Username").fill("desk2")
    page.get_by_label("Password").fill("demo")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Main — Reference desk").check()
    page.get_by_role("button", name="Work here").click()
    expect(page.get_by_label("Confidential note")).to_have_value("")
    assert page.evaluate("Object.keys(window.sessionStorage).filter(k => k.startsWith('draft:'))") == []


def test_desk_staff_cannot_open_a_colleagues_note(at_the_desk, desk, desk2, reference_desk, live_server):
    interaction = InteractionFactory(service_point=reference_desk, staff=desk2, note="Asked about a restraining order")
    page = at_the_desk(desk)
    page.goto(f"{live_server.url}/interactions/{interaction.pk}/")
    expect(page.get_by_text("Confidential: only the person who logged it")).to_be_visible()
    expect(page.get_by_text("restraining order")).to_have_count(0)
