"""A referral in a real browser, by keyboard alone: desk staff find a colleague in the
directory by subject and refer a patron's question to them; the colleague sees it on the
console, opens it and answers it; whoever referred it sees the answer. axe on every page."""

import pytest
from playwright.sync_api import expect

from desk.models import Referral
from desk.tests.factories_referrals import ExpertFactory

pytestmark = pytest.mark.browser


def test_a_referral_goes_from_one_person_to_another_and_is_answered(
    page, browser, at_the_desk, desk, desk2, live_server, csp_violations, assert_accessible
):
    ExpertFactory(user=desk2, subjects=["Technology", "E-readers"], how_to_reach="ext. 220")
    page = at_the_desk(desk)

    # The directory finds the colleague by part of a subject, whatever the case.
    page.goto(f"{live_server.url}/directory/")
    page.get_by_label("Find by subject").focus()
    page.keyboard.type("E-READ")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("1 match")
    assert_accessible(page)

    # Refer the question to them, by keyboard.
    page.get_by_role("link", name=f"Refer a question to {desk2.get_full_name()}").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Refer a question")).to_be_visible()
    expect(page.get_by_label(desk2.get_full_name(), exact=False)).to_be_checked()
    page.get_by_label("The patron's question").focus()
    page.keyboard.type("Her new e-reader does not show the library's e-books.")
    page.keyboard.press("Tab")  # subject
    page.keyboard.type("E-readers")
    page.keyboard.press("Tab")  # the patron's name
    page.keyboard.type("Ana Delgado")
    page.keyboard.press("Tab")  # how to reach the patron
    page.keyboard.type("555-0188, after 3 pm")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Refer the question")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text("sent to")).to_be_visible()
    referral = Referral.objects.get()
    assert_accessible(page)

    # The colleague sees it on the console, opens it and answers it.
    other = browser.new_context().new_page()
    other.goto(f"{live_server.url}/accounts/login/")
    other.get_by_label("Username").fill(desk2.username)
    other.get_by_label("Password").fill("demo")
    other.get_by_role("button", name="Sign in").click()
    other.get_by_label("Main — Reference desk").check()
    other.get_by_role("button", name="Work here").click()
    section = other.locator("#console-referrals")
    expect(section).to_contain_text(referral.reference)
    expect(section).to_contain_text(desk.get_full_name())
    section.get_by_role("link", name=referral.reference).focus()
    other.keyboard.press("Enter")
    expect(other.get_by_text("Her new e-reader does not show the library's e-books.")).to_be_visible()
    expect(other.get_by_text("555-0188, after 3 pm")).to_be_visible()
    assert_accessible(other)
    other.get_by_label("The answer the patron was given").focus()
    other.keyboard.type("Update the app to version 8 and sign in again.")
    other.keyboard.press("Tab")  # how the patron got it: the first choice, then the arrow
    other.keyboard.press("ArrowRight")  # Phone
    expect(other.get_by_label("Phone", exact=True)).to_be_checked()
    other.keyboard.press("Tab")  # internal note
    other.keyboard.press("Tab")
    expect(other.get_by_role("button", name="Record the answer")).to_be_focused()
    other.keyboard.press("Enter")
    expect(other.get_by_text("Answer recorded")).to_be_visible()
    other.goto(f"{live_server.url}/referrals/")
    assert_accessible(other)

    # Whoever referred it sees the outcome.
    page.goto(f"{live_server.url}/referrals/")
    expect(page.locator("section", has_text="Referred by you")).to_contain_text("Answered")
    assert_accessible(page)
    page.get_by_role("link", name=referral.reference).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Update the app to version 8 and sign in again.")).to_be_visible()

    referral.refresh_from_db()
    assert (referral.status, referral.answered_by, referral.assigned_to) == ("answered", "phone", desk2)
    assert csp_violations == []
