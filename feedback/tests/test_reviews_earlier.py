"""The flag "reviewed in the last 12 months" on a request's page tells the viewer only what
they may see: the requests of their scope, and the decisions the Director has published."""

import pytest
from django.urls import reverse

from feedback.services import reviews
from feedback.tests.factories import review_in

FLAG = "This title has been reviewed in the last"


@pytest.fixture
def mains_open_request(director, desk, main_branch):
    return review_in("acknowledged", by=director, taken_by=desk, branch=main_branch, title="Night Terrors")


def page(client, review) -> str:
    response = client.get(reverse("reviews:detail", args=[review.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_desk_staff_of_east_do_not_learn_of_mains_open_request(eastdesk_client, director, eastdesk, east_branch, mains_open_request):
    new = review_in("received", by=director, taken_by=eastdesk, branch=east_branch, title="night terrors")
    html = page(eastdesk_client, new)
    assert FLAG not in html and "Another request for it" not in html
    assert mains_open_request.reference not in html


def test_desk_staff_of_east_see_a_published_decision(
    eastdesk_client, director, desk, desk2, supervisor, eastdesk, main_branch, east_branch
):
    decided = review_in(
        "notified", by=director, taken_by=desk, branch=main_branch, title="Night Terrors", reviewers=[desk, desk2, supervisor]
    )
    new = review_in("received", by=director, taken_by=eastdesk, branch=east_branch, title="Night Terrors")
    assert FLAG not in page(eastdesk_client, new)
    reviews.review_publish(review=decided, by=director, version=decided.version)
    html = page(eastdesk_client, new)
    assert FLAG in html and reverse("reviews:decision", args=[decided.pk]) in html
    assert reverse("reviews:detail", args=[decided.pk]) not in html


def test_mains_supervisor_sees_mains_open_request(supervisor_client, director, desk2, main_branch, mains_open_request):
    new = review_in("received", by=director, taken_by=desk2, branch=main_branch, title="Night Terrors")
    html = page(supervisor_client, new)
    assert FLAG in html and reverse("reviews:detail", args=[mains_open_request.pk]) in html
    assert "still under review" in html
