"""A record's page offers the forms of the steps this person may take now, and no others
(the kernel's available(), servicedesk/lib/workflow.py): no stack of boxes that would only be
refused."""

import re

import pytest
from django.urls import reverse

from feedback.models import CommentCard, Complaint, PurchaseSuggestion
from feedback.tests.factories import CommentCardFactory, ComplaintFactory

S = Complaint.Status
COMPLAINT_STEPS = {"acknowledge", "start", "resolve", "escalate", "decide", "close", "reopen", "assign"}
CARD_STEPS = {"thank", "act", "reply", "to_complaint", "to_suggestion", "close"}


def offered(page: str) -> set[str]:
    """The steps whose forms the page carries (each form is id="step-<name>")."""
    return set(re.findall(r'id="step-(\w+)"', page))


@pytest.fixture
def complaint(desk, reference_desk):
    return ComplaintFactory(service_point=reference_desk, taken_by=desk)


def complaint_page(client, complaint, status=None):
    if status:
        Complaint.objects.filter(pk=complaint.pk).update(status=status)
    return client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()


def test_a_supervisor_on_a_new_complaint_is_offered_acknowledging_and_assigning_only(supervisor_client, complaint):
    page = complaint_page(supervisor_client, complaint)
    assert offered(page) == {"acknowledge", "assign"}
    assert 'id="response"' in page
    for refused in ("resolve", "escalate", "close", "decide"):
        assert reverse(f"complaints:{refused}", args=[complaint.pk]) not in page


def test_a_supervisor_on_an_escalated_complaint_is_not_offered_the_directors_decision(supervisor_client, complaint):
    assert offered(complaint_page(supervisor_client, complaint, S.ESCALATED)) == {"assign"}


def test_the_director_on_an_escalated_complaint_is_offered_the_decision(director_client, complaint):
    page = complaint_page(director_client, complaint, S.ESCALATED)
    assert offered(page) == {"decide", "assign"}
    assert reverse("complaints:decide", args=[complaint.pk]) in page


def test_on_a_closed_complaint_only_reopening_is_offered(supervisor_client, complaint):
    page = complaint_page(supervisor_client, complaint, S.CLOSED)
    assert offered(page) == {"reopen"}
    assert 'id="response"' not in page


def test_desk_staff_who_took_the_complaint_are_offered_no_step(desk_client, complaint):
    page = complaint_page(desk_client, complaint)
    assert offered(page) & COMPLAINT_STEPS == set()
    assert 'id="response"' not in page


@pytest.fixture
def card(main_branch):
    return CommentCardFactory(branch=main_branch, contact="patron@example.org", wants_reply=True)


def card_page(client, card):
    return client.get(reverse("cards:detail", args=[card.pk])).content.decode()


def test_a_supervisor_on_a_new_card_is_offered_every_triage_step(supervisor_client, card):
    assert offered(card_page(supervisor_client, card)) == CARD_STEPS


def test_a_replied_card_offers_only_closing(supervisor_client, card):
    CommentCard.objects.filter(pk=card.pk).update(status=CommentCard.Status.REPLIED)
    assert offered(card_page(supervisor_client, card)) == {"close"}


def test_a_card_already_made_a_complaint_is_not_offered_as_one_again(supervisor_client, card, complaint):
    CommentCard.objects.filter(pk=card.pk).update(status=CommentCard.Status.IN_ACTION, complaint=complaint)
    assert offered(card_page(supervisor_client, card)) == {"reply", "to_suggestion", "close"}


def test_desk_staff_are_offered_no_triage_step(desk, desk_client, main_branch):
    card = CommentCardFactory(branch=main_branch, typed_in_by=desk, source=CommentCard.Source.PAPER)
    assert offered(card_page(desk_client, card)) == set()


def test_a_suggestion_offers_only_the_decisions_its_status_allows(desk, supervisor_client, desk_client, main_branch):
    suggestion = PurchaseSuggestion.objects.create(
        branch=main_branch, taken_by=desk, title="T", status=PurchaseSuggestion.Status.ACCEPTED
    )
    url = reverse("suggestions:detail", args=[suggestion.pk])
    page = supervisor_client.get(url).content.decode()
    assert 'value="ordered"' in page and 'value="declined"' in page and 'value="accepted"' not in page
    response = desk_client.get(url)
    assert response.status_code == 200
    assert reverse("suggestions:decide", args=[suggestion.pk]) not in response.content.decode()
