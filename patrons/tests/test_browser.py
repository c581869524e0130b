"""The patron pages in a real browser: look-up with and without a page load, registration
by keyboard, the card that opens a patron's details, the two-tab conflict, and axe on every page."""

import pytest
from playwright.sync_api import expect

from patrons.models import Patron
from patrons.tests.factories import PatronFactory

pytestmark = pytest.mark.browser


def test_look_up_answers_in_place_and_opens_the_patron(at_the_desk, desk, zoe, live_server, csp_violations, assert_accessible):
    page = at_the_desk(desk)
    page.goto(f"{live_server.url}/patrons/")
    assert_accessible(page)
    box = page.get_by_label("Card number or name")
    expect(box).to_be_focused()
    page.evaluate("window.__sameDocument = true")
    box.fill("zoe qu")
    box.press("Enter")
    results = page.locator("#lookup-results")
    expect(results.get_by_role("link", name="Quist, Zoë")).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True
    assert page.url == f"{live_server.url}/patrons/"
    expect(box).to_have_value("zoe qu")
    assert_accessible(page)

    box.fill("--")
    page.get_by_role("button", name="Search").click()
    expect(results).to_contain_text("no letters or digits to search for")
    expect(box).to_have_value("--")

    expect(results.get_by_role("link")).to_have_count(0)
    box.fill("30000000000042")
    box.press("Enter")
    results.get_by_role("link", name="Quist, Zoë").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoë Quist")
    expect(page).to_have_title("Patron · Library Service Desk")
    assert_accessible(page)
    assert csp_violations == []


def test_look_up_works_without_javascript(browser, live_server, desk, zoe):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(desk.username)
    page.get_by_label("Password").fill("demo")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/patrons/")
    page.get_by_label("Card number or name").fill("Quist, Z")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Quist, Zoë")).to_be_visible()
    assert page.url == f"{live_server.url}/patrons/"
    context.close()


def test_registering_a_patron_by_keyboard(at_the_desk, desk, main_branch, live_server, csp_violations, assert_accessible):
    page = at_the_desk(desk)
    page.goto(f"{live_server.url}/patrons/new/")
    assert_accessible(page)
    expect(page.get_by_label("Card number")).to_be_focused()
    page.keyboard.type("3000 0000 0000 77")
    page.get_by_label("First name").fill("Zoë")
    page.get_by_label("Last name").fill("Quist")
    page.get_by_label("E-mail").fill("zoe@example.org")
    page.get_by_label("Date of birth").fill("2090-01-01")
    page.get_by_role("button", name="Register").click()
    # The browser refuses a date after today before the server has to.
    assert not Patron.objects.exists()
    page.get_by_label("Date of birth").fill("1990-01-01")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoë Quist")
    expect(page.get_by_text("invite them to come back often")).to_be_visible()
    assert_accessible(page)
    assert Patron.objects.get().card_number == "30000000000077"
    assert csp_violations == []


def test_a_form_error_is_accessible_and_keeps_what_was_typed(at_the_desk, desk, main_branch, live_server, assert_accessible):
    PatronFactory(card_number="30000000000077")
    page = at_the_desk(desk)
    page.goto(f"{live_server.url}/patrons/new/")
    page.get_by_label("Card number").fill("30000000000077")
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Lovelace")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("This card number already belongs to another patron")).to_be_visible()
    expect(page.get_by_label("First name")).to_have_value("Ada")
    assert_accessible(page)


def test_the_edit_conflict_page_is_accessible(at_the_desk, desk, zoe, live_server, assert_accessible):
    page = at_the_desk(desk)
    page.goto(f"{live_server.url}/patrons/{zoe.pk}/edit/")
    # The details open with the patron present: their card, scanned or typed, by keyboard alone.
    expect(page.get_by_label("Patron's card number")).to_be_focused()
    expect(page.get_by_label("Phone")).to_have_count(0)
    assert_accessible(page)
    page.keyboard.type("30000000000041")
    page.keyboard.press("Enter")
    expect(page.get_by_text("That is not Zoë Quist's card number")).to_be_visible()
    expect(page.get_by_label("Patron's card number")).to_have_value("30000000000041")
    assert_accessible(page)
    page.get_by_label("Patron's card number").fill("3000 0000 0000 42")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Phone")).to_have_value("555-010-4242")
    assert_accessible(page)
    Patron.objects.filter(pk=zoe.pk).update(phone="555-010-1111", version=2)
    page.get_by_label("Phone").fill("555-010-2222")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("alert")).to_contain_text("Someone else saved a change")
    expect(page.get_by_label("Phone")).to_have_value("555-010-2222")
    assert_accessible(page)
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Changes saved")).to_be_visible()
    assert Patron.objects.get(pk=zoe.pk).phone == "555-010-2222"
