"""/reviews/: the queue of collection-review requests, as each role sees it."""

import datetime

import pytest
from django.urls import reverse

from feedback.models import ReviewRequest
from feedback.tests.factories import ReviewerFactory, ReviewRequestFactory

URL = reverse("reviews:queue")


@pytest.fixture
def requests(desk, desk2, eastdesk, main_branch, east_branch):
    return {
        "mine": ReviewRequestFactory(
            branch=main_branch, taken_by=desk, title="Taken by desk", requester_name="Zebedee Mint"
        ),
        "colleague": ReviewRequestFactory(branch=main_branch, taken_by=desk2, title="Taken by desk2"),
        "reviewing": ReviewerFactory(
            reviewer=desk,
            review=ReviewRequestFactory(
                branch=east_branch, taken_by=eastdesk, title="Reviewed by desk", status="committee"
            ),
        ).review,
        "east": ReviewRequestFactory(branch=east_branch, taken_by=eastdesk, title="Eastside only"),
    }


def titles(response):
    return {review.title for review in response.context["page"]}


def test_desk_staff_see_what_they_took_and_what_they_review(desk_client, requests):
    response = desk_client.get(URL)
    assert response.status_code == 200
    assert titles(response) == {"Taken by desk", "Reviewed by desk"}
    assert "Zebedee" not in response.content.decode(), "the queue shows items, never who asked"


def test_a_supervisor_sees_the_branch_and_the_director_everything(supervisor_client, director_client, requests):
    assert titles(supervisor_client.get(URL)) == {"Taken by desk", "Taken by desk2"}
    assert len(titles(director_client.get(URL))) == 4


def test_the_administrator_is_refused(itadmin_client, requests):
    assert itadmin_client.get(URL).status_code == 403


def test_counts_by_status_and_overdue(director_client, requests):
    ReviewRequest.objects.filter(pk=requests["east"].pk).update(acknowledge_by=datetime.date(2020, 1, 1))
    counts = director_client.get(URL).context["counts"]
    assert dict((value, count) for value, _, count in counts["by_status"])["received"] == 3
    assert dict((value, count) for value, _, count in counts["by_status"])["committee"] == 1
    assert counts["overdue"] == 1 and counts["total"] == 4


def test_filters_status_overdue_mine_and_order(director_client, director, requests):
    ReviewRequest.objects.filter(pk=requests["east"].pk).update(decide_by=datetime.date(2020, 1, 1))
    ReviewerFactory(reviewer=director, review=requests["colleague"])
    assert titles(director_client.get(URL, {"status": "committee"})) == {"Reviewed by desk"}
    overdue = director_client.get(URL, {"overdue": "on"})
    assert titles(overdue) == {"Eastside only"}
    assert "table-danger" in overdue.content.decode()
    assert titles(director_client.get(URL, {"mine": "on"})) == {"Taken by desk2"}
    oldest = [review.title for review in director_client.get(URL).context["page"]]
    newest = [review.title for review in director_client.get(URL, {"sort": "newest"}).context["page"]]
    assert newest == oldest[::-1]


def test_a_filter_that_makes_no_sense_is_said_so(desk_client, requests):
    response = desk_client.get(URL, {"status": "lost"})
    assert response.status_code == 422
    assert "That filter cannot be used" in response.content.decode()


def test_the_queue_is_paginated(director_client, main_branch, desk):
    ReviewRequestFactory.create_batch(30, branch=main_branch, taken_by=desk)
    first = director_client.get(URL)
    assert len(first.context["page"]) == 25 and "Page 1 of 2" in first.content.decode()
    assert len(director_client.get(URL, {"page": 2}).context["page"]) == 5


@pytest.mark.parametrize("client_name", ["supervisor_client", "desk_client"])
def test_the_queue_takes_the_same_queries_for_few_and_many(
    request, client_name, main_branch, desk, supervisor, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = request.getfixturevalue(client_name)
    ReviewRequestFactory.create_batch(2, branch=main_branch, taken_by=desk)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    ReviewRequestFactory.create_batch(40, branch=main_branch, taken_by=desk)
    for review in ReviewRequest.objects.all()[:10]:
        ReviewerFactory(review=review, reviewer=supervisor)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert response.context["page"].paginator.count == 42
