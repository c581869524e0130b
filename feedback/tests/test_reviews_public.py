"""/reviews/decisions/: the public list of decisions, open to anyone, without who asked."""

import pytest
from django.test import Client
from django.urls import reverse

from feedback.services import reviews
from feedback.tests.factories import review_in

URL = reverse("reviews:decisions")
REQUESTER = [
    "Rosalind Quibble",
    "rosalind@example.org",
    "555-0199",
    "12 Larch Lane",
    "Parents for Quiet",
    "Unsuitable for the children",
]


@pytest.fixture
def make(director, desk, main_branch, desk2, supervisor):
    def make_review(status, **fields):
        return review_in(
            status, by=director, taken_by=desk, branch=main_branch, reviewers=[desk, desk2, supervisor], **fields
        )

    return make_review


@pytest.fixture
def published(make, director):
    review = make(
        "appeal_decided",
        title="Night Terrors",
        requester_phone="555-0199",
        requester_address="12 Larch Lane",
        represents="group",
        group_name="Parents for Quiet",
    )
    return reviews.review_publish(review=review, by=director, version=review.version)


def test_anyone_sees_published_decisions_without_signing_in(published):
    response = Client().get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Night Terrors" in html and "A. Writer" in html and "It meets the policy." in html and "Upheld." in html
    for secret in REQUESTER + ["I still object."]:
        assert secret not in html, secret


def test_one_published_decision_has_its_own_page(published):
    response = Client().get(reverse("reviews:decision", args=[published.pk]))
    assert response.status_code == 200 and "Night Terrors" in response.content.decode()


def test_unpublished_and_undecided_requests_are_not_on_it(make, director, published):
    make("notified", title="Quietly Decided")
    undecided = make("committee", title="Still Reviewing")
    html = Client().get(URL).content.decode()
    assert "Quietly Decided" not in html and "Still Reviewing" not in html
    assert Client().get(reverse("reviews:decision", args=[undecided.pk])).status_code == 404


def test_the_list_keeps_working_after_de_identification(published):
    from feedback.models import ReviewRequest

    ReviewRequest.objects.filter(pk=published.pk).update(requester_name="", requester_email="", group_name="")
    assert "Night Terrors" in Client().get(URL).content.decode()
