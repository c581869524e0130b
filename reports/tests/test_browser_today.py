"""A supervisor signs in and lands on their branch's day: axe finds no WCAG A/AA violation on
it, nor the Content-Security-Policy any; the console is one click (and a choice) away."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from desk.tests.factories_waiting import WaitingPatronFactory
from feedback.tests.factories import ComplaintFactory
from interactions.tests.factories import InteractionFactory
from staff.models import OpeningHours

pytestmark = pytest.mark.browser


def test_a_supervisor_lands_on_the_branchs_day_and_opens_the_console(
    sign_in, supervisor, desk, main_branch, reference_desk, circulation_desk, live_server, csp_violations, assert_accessible
):
    for weekday in range(7):
        OpeningHours.objects.create(branch=main_branch, weekday=weekday, opens=datetime.time(0), closes=datetime.time(23, 59))
    ComplaintFactory(service_point=reference_desk, taken_by=desk, acknowledge_by=timezone.localdate() - datetime.timedelta(days=1))
    WaitingPatronFactory(service_point=circulation_desk, added_by=desk, label="Ana")
    InteractionFactory(service_point=reference_desk, staff=desk)

    page = sign_in(supervisor)
    expect(page.get_by_role("heading", name="Main today")).to_be_visible()
    expect(page.get_by_role("link", name="Today", exact=True)).to_have_attribute("aria-current", "page")
    complaints = page.locator("#complaints")
    expect(complaints.get_by_role("link", name="1 open")).to_be_visible()
    expect(complaints.get_by_role("link", name="1 overdue")).to_be_visible()
    expect(page.locator("#coverage")).to_contain_text("2 open with nobody on them")
    expect(page.get_by_role("row", name="Reference desk")).to_contain_text("1")
    expect(page.locator("body")).not_to_contain_text("Ana")
    assert_accessible(page)

    page.get_by_role("link", name="Choose a service point to open the console").click()
    page.get_by_label("Main — Reference desk").check()
    page.get_by_role("button", name="Work here").click()
    expect(page.locator("#current-service-point")).to_contain_text("Reference desk")
    page.get_by_role("link", name="Today", exact=True).click()
    page.get_by_role("link", name="Open the console at Main — Reference desk").click()
    expect(page.locator("#todays-log")).to_be_visible()
    assert csp_violations == []
