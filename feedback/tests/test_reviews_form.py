"""/reviews/new/: the request for reconsideration, taken at the desk with the patron."""

import pytest
from django.urls import reverse

from feedback.models import ReviewRequest
from feedback.tests.factories import review_form_data as request_data
from patrons.tests.factories import PatronFactory

URL = reverse("reviews:new")


def test_the_desk_takes_a_request_at_its_branch_and_lands_on_it(
    desk_client, desk, east_desk, at_service_point, eastdesk_client
):
    at_service_point(eastdesk_client, east_desk)
    response = eastdesk_client.post(URL, request_data())
    review = ReviewRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reviews:detail", args=[review.pk])
    assert (review.branch, review.taken_by.username, review.whole_item) == (east_desk.branch, "eastdesk", "partly")
    page = eastdesk_client.get(response["Location"]).content.decode()
    assert f"Received as {review.reference}" in page
    assert "The item stays available while it is under review." in page


def test_without_a_service_point_the_request_is_taken_at_the_staff_members_branch(desk_client, main_branch):
    desk_client.post(URL, request_data())
    assert ReviewRequest.objects.get().branch == main_branch


def test_the_form_asks_what_libraries_forms_ask(desk_client):
    html = desk_client.get(URL).content.decode()
    for label in (
        "Title",
        "Author or creator",
        "Call number or identifier",
        "Requester&#x27;s name",
        "The requester speaks for",
        "What is the concern?",
        "Where in the item?",
        "Did they read, view or listen to the whole item?",
        "What do they believe the effect of the item might be?",
        "Do they know of professional reviews of it?",
        "What do they ask the library to do?",
        "A title they would suggest instead",
        "Patron&#x27;s card number",
    ):
        assert label in html, label
    assert "the item stays available while it is under review" in html


def test_a_patron_card_links_the_patron(desk_client, main_branch):
    patron = PatronFactory(home_branch=main_branch, card_number="20000000000042")
    desk_client.post(URL, request_data(patron_card="20000000000042"))
    assert ReviewRequest.objects.get().patron == patron


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"requester_name": ""}, "requester_name", "Write the requester&#x27;s name"),
        ({"concern": ""}, "concern", "Write what the concern is"),
        ({"whole_item": ""}, "whole_item", "Say whether they read, viewed or listened to the whole item."),
        ({"represents": "group"}, "group_name", "Name the group or organisation"),
        ({"requested_action": "other"}, "requested_action_other", "Say what else the requester asks"),
        ({"patron_card": "123"}, "patron_card", "No patron has this card number"),
        ({"requester_email": "nope"}, "requester_email", "Type the whole e-mail address"),
    ],
)
def test_bad_input_says_what_to_fix_and_keeps_what_was_typed(desk_client, overrides, field, message):
    response = desk_client.post(URL, request_data(**overrides))
    html = response.content.decode()
    assert response.status_code == 422
    assert message in html
    assert "The Book of Things" in html and "Chapter 3" in html and "J 823 WRI" in html
    assert not ReviewRequest.objects.exists()


def test_the_administrator_is_refused_the_section(itadmin_client):
    response = itadmin_client.post(URL, request_data())
    assert response.status_code == 403
    assert "Collection reviews" in response.content.decode()
    assert not ReviewRequest.objects.exists()


def test_the_desk_console_offers_the_form(desk_client, reference_desk, at_service_point):
    at_service_point(desk_client, reference_desk)
    html = desk_client.get(reverse("interactions:desk")).content.decode()
    assert f'href="{URL}"' in html and "Collection review request" in html


def test_the_menu_has_reviews_for_staff_who_serve_patrons(desk_client, itadmin_client):
    assert f'href="{reverse("reviews:queue")}"' in desk_client.get(reverse("reviews:queue")).content.decode()
    assert reverse("reviews:queue") not in itadmin_client.get(reverse("password_change")).content.decode()


def test_the_same_form_sent_twice_takes_one_request(desk_client):
    key = "6f1c8a52-9d43-4c1e-8a5e-0e4f1f2b7a11"
    first = desk_client.post(URL, request_data(submission_key=key))
    second = desk_client.post(URL, request_data(submission_key=key))
    review = ReviewRequest.objects.get()
    assert first["Location"] == second["Location"] == reverse("reviews:detail", args=[review.pk])
    assert review.steps.count() == 1
