"""A collection-review request in a real browser, each person signed in as themselves: taken
at the desk, acknowledged, a committee of three recommends, the chair decides, the decision
letter goes out and the Director publishes the decision."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_label("Username")).to_be_visible()


def open_request(page, live_server, review):
    page.goto(f"{live_server.url}/reviews/{review.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(review.reference)


def test_a_review_request_from_the_desk_to_the_published_decision(
    at_the_desk, sign_in, page, live_server, desk, desk2, supervisor, director, csp_violations, assert_accessible
):
    from feedback.models import ReviewRequest

    # The desk takes the request with the patron, from the console.
    at_the_desk(desk)
    page.get_by_role("link", name="Collection review request").click()
    page.get_by_role("textbox", name=re.compile(r"^Title")).fill("Night Terrors")
    page.get_by_label("Author or creator").fill("A. Writer")
    page.get_by_label("Requester's name").fill("Rosalind Quibble")
    page.get_by_label("E-mail", exact=True).fill("rosalind@example.org")
    page.get_by_label("What is the concern?").fill("Too frightening for the picture-book shelf.")
    page.get_by_role("radio", name="Parts of it").check()
    page.get_by_role("radio", name="Move it to another part of the library").check()
    page.get_by_role("button", name="Save the request").click()
    review = ReviewRequest.objects.get()
    expect(page.locator(".messages")).to_contain_text(f"Received as {review.reference}")
    expect(page.get_by_text("The item stays available while it is under review.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="The requester's copy").click()
    expect(page.locator(".printable")).to_contain_text(f"Your reference: {review.reference}")
    sign_out(page)

    # The supervisor acknowledges it by letter and assigns the committee, chaired by themselves.
    sign_in(supervisor)
    open_request(page, live_server, review)
    acknowledge = page.locator("#step-acknowledge")
    expect(acknowledge.get_by_role("textbox", name=re.compile("^The letter"))).to_have_value(
        re.compile("Dear Rosalind Quibble")
    )
    acknowledge.get_by_role("radio", name="Letter").check()
    acknowledge.get_by_role("button", name="Acknowledge and record the reply").click()
    expect(page.locator(".messages")).to_contain_text("Acknowledged.")
    assert_accessible(page)  # the step forms
    committee = page.locator("#step-assign_committee")
    for reviewer in (desk, desk2, supervisor):
        committee.get_by_label(reviewer.get_full_name()).check()
    committee.get_by_role("combobox", name=re.compile("^Chair")).select_option(value=str(supervisor.pk))
    committee.get_by_role("button", name="Assign the committee").click()
    expect(page.locator(".messages")).to_contain_text("Committee assigned")
    sign_out(page)

    # Each reviewer reads the whole item and recommends; a reviewer does not see who asked.
    for reviewer in (desk2, desk, supervisor):
        sign_in(reviewer)
        open_request(page, live_server, review)
        if reviewer == desk2:
            expect(page.get_by_text("Rosalind Quibble")).to_have_count(0)
            assert_accessible(page)
        form = page.locator("#recommend")
        form.get_by_label("I have read, viewed or listened to the whole item").check()
        form.get_by_role("radio", name="Retain").check()
        form.get_by_role("button", name="Save my recommendation").click()
        expect(page.locator(".messages")).to_contain_text("Your recommendation is recorded.")
        if reviewer != supervisor:
            sign_out(page)

    # The chair decides, then sends the decision letter by e-mail.
    decide = page.locator("#step-decide")
    decide.get_by_role("radio", name="Retain").check()
    decide.get_by_role("textbox", name=re.compile("^Reasons")).fill(
        "Selected under the collection policy; widely reviewed."
    )
    decide.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".messages")).to_contain_text("Decision recorded")
    letter = page.locator("#step-send_decision")
    expect(letter.get_by_role("textbox", name=re.compile("^The letter"))).to_have_value(
        re.compile("Selected under the collection policy")
    )
    letter.get_by_role("radio", name="E-mail").check()
    letter.get_by_role("button", name="Send or record the letter").click()
    expect(page.locator(".messages")).to_contain_text("Decision letter recorded")
    assert mail.outbox[-1].to == ["rosalind@example.org"]
    assert mail.outbox[-1].subject == f"The decision on your request for reconsideration (reference {review.reference})"
    sign_out(page)

    # The Director publishes it; the public list needs no sign-in and names no requester.
    sign_in(director)
    page.goto(f"{live_server.url}/reviews/")
    expect(page.get_by_role("link", name=review.reference)).to_be_visible()
    assert_accessible(page)
    open_request(page, live_server, review)
    page.get_by_role("button", name="Publish on the list of decisions").click()
    expect(page.locator(".messages")).to_contain_text("The list of decisions is updated.")
    sign_out(page)
    page.goto(f"{live_server.url}/reviews/decisions/")
    expect(page.get_by_role("heading", name="Night Terrors")).to_be_visible()
    expect(page.get_by_text("Selected under the collection policy; widely reviewed.")).to_be_visible()
    expect(page.get_by_text("Rosalind")).to_have_count(0)
    assert_accessible(page)
    assert csp_violations == []
