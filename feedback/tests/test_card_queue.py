"""The comment-card queue: scope per role, counts, overdue replies, filters, and constant queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from feedback.models import CommentCard
from feedback.tests.factories import CommentCardFactory

QUEUE = reverse("cards:queue")


def test_the_main_supervisor_sees_mains_cards_not_eastsides(supervisor_client, main_branch, east_branch):
    mine, theirs = CommentCardFactory(branch=main_branch), CommentCardFactory(branch=east_branch)
    html = supervisor_client.get(QUEUE).content.decode()
    assert mine.reference in html and theirs.reference not in html


def test_the_director_sees_every_branch(director_client, main_branch, east_branch):
    cards = [CommentCardFactory(branch=main_branch), CommentCardFactory(branch=east_branch)]
    html = director_client.get(QUEUE).content.decode()
    assert all(card.reference in html for card in cards)


def test_desk_staff_see_only_the_cards_they_typed_in(desk_client, desk, main_branch):
    kiosk_card = CommentCardFactory(branch=main_branch)
    typed = CommentCardFactory(branch=main_branch, source="paper", typed_in_by=desk)
    html = desk_client.get(QUEUE).content.decode()
    assert typed.reference in html and kiosk_card.reference not in html
    assert "Comment cards you typed in" in html


def test_the_queue_shows_no_name_contact_or_words(supervisor_client, main_branch):
    CommentCardFactory(branch=main_branch, name="Hortensia Vale", contact="hortensia@example.org", comment="Private words")
    html = supervisor_client.get(QUEUE).content.decode()
    for secret in ("Hortensia", "hortensia@example.org", "Private words"):
        assert secret not in html


def test_an_overdue_reply_is_marked_and_counted(supervisor_client, main_branch):
    CommentCardFactory(branch=main_branch, wants_reply=True, reply_by=timezone.localdate() - datetime.timedelta(days=1))
    CommentCardFactory(branch=main_branch, wants_reply=True, reply_by=timezone.localdate() + datetime.timedelta(days=3))
    response = supervisor_client.get(QUEUE, {"overdue": "on"})
    assert response.context["counts"]["overdue"] == 1
    assert response.context["page"].paginator.count == 1
    assert "Overdue" in response.content.decode()


def test_filters_by_kind_and_status(supervisor_client, main_branch):
    CommentCardFactory(branch=main_branch, kind="compliment")
    CommentCardFactory(branch=main_branch, kind="question", status="closed")
    assert supervisor_client.get(QUEUE, {"kind": "compliment"}).context["page"].paginator.count == 1
    assert supervisor_client.get(QUEUE, {"status": "closed"}).context["page"].paginator.count == 1
    assert supervisor_client.get(QUEUE, {"status": "all"}).context["page"].paginator.count == 2


def test_a_bad_filter_is_explained(supervisor_client):
    response = supervisor_client.get(QUEUE, {"status": "nonsense"})
    assert response.status_code == 422
    assert "Choose a status from the list" in response.content.decode()


@pytest.mark.parametrize("volume", [3, 40])
def test_the_queue_costs_the_same_whatever_the_volume(supervisor_client, supervisor, main_branch, volume, django_assert_max_num_queries):
    CommentCardFactory.create_batch(volume, branch=main_branch, source="paper", typed_in_by=supervisor)
    with django_assert_max_num_queries(12):
        response = supervisor_client.get(QUEUE)
    assert response.status_code == 200
    assert len(response.context["page"]) == min(volume, 25)
    assert CommentCard.objects.count() == volume


def test_the_queue_never_counts_every_card(director_client, main_branch):
    CommentCardFactory.create_batch(2, branch=main_branch)
    with CaptureQueriesContext(connection) as captured:
        response = director_client.get(QUEUE, {"status": "all"})
    assert response.status_code == 200 and "2 cards." in response.content.decode()
    counts = [query["sql"] for query in captured.captured_queries if "COUNT(" in query["sql"] and "feedback_commentcard" in query["sql"]]
    assert counts and all("LIMIT 1001" in sql for sql in counts), counts


def test_the_filter_is_drawn_in_the_bootstrap_markup_with_its_messages(supervisor_client):
    page = supervisor_client.get(QUEUE, {"kind": "poem"}).content.decode()
    assert (
        '<select name="kind" class="select form-select is-invalid" aria-invalid="true" aria-describedby="id_kind_error" id="id_kind">'
        in page
    )
    assert '<p id="error_1_id_kind"><strong>Choose a kind from the list.</strong></p>' in page
    assert '<select name="status" class="select form-select" id="id_status">' in page
    assert '<input type="checkbox" name="overdue" class="checkboxinput form-check-input" id="id_overdue">' in page
