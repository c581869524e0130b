"""A record outside the person's scope answers 404 to every action on it, exactly as one
that does not exist, and is not changed."""

import re

import pytest
from django.urls import reverse

from interactions.models import Interaction
from interactions.tests.factories import InteractionFactory


@pytest.fixture
def desks_note(desk, reference_desk):
    return InteractionFactory(service_point=reference_desk, staff=desk, note="Unchanged", effort=1)


def attempts(interaction):
    correction = {
        "kind": interaction.kind_id,
        "channel": "in_person",
        "effort": "5",
        "outcome": "answered",
        "note": "Changed",
        "occurred_at": "2026-01-01T10:00",
        "version": interaction.version,
    }
    return [
        (reverse("interactions:detail", args=[interaction.pk]), correction),
        (reverse("interactions:undo", args=[interaction.pk]), {}),
    ]


@pytest.mark.parametrize("persona", ["desk2_client", "eastdesk_client"])
def test_actions_on_a_colleagues_interaction_answer_404_and_change_nothing(
    request, persona, desks_note, reference_desk, east_desk, at_service_point
):
    client = at_service_point(request.getfixturevalue(persona), east_desk if persona == "eastdesk_client" else reference_desk)
    for url, data in attempts(desks_note):
        assert client.post(url, data).status_code == 404, url
    desks_note.refresh_from_db()
    assert (desks_note.note, desks_note.effort, desks_note.version) == ("Unchanged", 1, 1)


def page(response) -> str:
    """The page without what differs on every response (CSP nonce, CSRF token) and the id in
    the address asked for (the header links back to it)."""
    html = re.sub(r'(nonce|value)="[^"]*"', "", response.content.decode())
    return re.sub(r"/interactions/\d+/", "/interactions/N/", html)


def test_a_missing_record_answers_exactly_the_same(desk2_client, desks_note, reference_desk, at_service_point):
    at_service_point(desk2_client, reference_desk)
    outside = desk2_client.post(reverse("interactions:undo", args=[desks_note.pk]))
    missing = desk2_client.post(reverse("interactions:undo", args=[desks_note.pk + 999]))
    assert (outside.status_code, page(outside)) == (missing.status_code, page(missing))
    assert Interaction.objects.count() == 1


# Collection-review requests -------------------------------------------------------------------

REVIEW_STEPS = [
    "acknowledge", "assign_committee", "recommend", "decide", "send_decision", "appeal", "decide_appeal",
    "send_appeal_decision", "close", "publish",
]


@pytest.fixture
def eastside_review(eastdesk, east_branch):
    from feedback.tests.factories import ReviewRequestFactory

    return ReviewRequestFactory(branch=east_branch, taken_by=eastdesk, requester_name="Unchanged")


@pytest.mark.parametrize("step", REVIEW_STEPS)
def test_every_step_on_another_branchs_review_request_answers_404_and_changes_nothing(
    supervisor_client, supervisor, eastside_review, step
):
    fields = {"channel": "letter", "body": "Changed", "decision": "withdraw", "reasons": "Changed", "note": "Changed",
              "reviewers": [supervisor.pk], "chair": supervisor.pk, "read_whole_item": "on", "recommendation": "withdraw"}
    data = {f"{step}-{name}": value for name, value in fields.items()} | {"version": eastside_review.version}
    response = supervisor_client.post(reverse(f"reviews:{step}", args=[eastside_review.pk]), data)
    assert response.status_code == 404
    eastside_review.refresh_from_db()
    assert (eastside_review.status, eastside_review.version, eastside_review.requester_name) == ("received", 1, "Unchanged")
    assert not eastside_review.steps.exists() and not eastside_review.reviewers.exists()


def test_another_branchs_review_request_answers_exactly_as_a_missing_one(supervisor_client, eastside_review):
    for name in ("detail", "copy", "letter"):
        outside = supervisor_client.get(reverse(f"reviews:{name}", args=[eastside_review.pk]))
        missing = supervisor_client.get(reverse(f"reviews:{name}", args=[eastside_review.pk + 999]))
        assert outside.status_code == missing.status_code == 404
        assert re.sub(r"/reviews/\d+/", "/reviews/N/", page(outside)) == re.sub(r"/reviews/\d+/", "/reviews/N/", page(missing))


# Complaints -------------------------------------------------------------------------------------

# Each step, on a complaint in a status where it would apply, with what its form sends.
COMPLAINT_STEPS = {
    "acknowledge": ("new", {"acknowledge-note": "Changed"}),
    "assign": ("new", {"assign-assignee": "{supervisor}", "assign-note": "Changed"}),
    "respond": ("new", {"response": "Changed", "action": "send", "channel": "in_person"}),
    "start": ("acknowledged", {"start-note": "Changed"}),
    "resolve": ("in_progress", {"resolve-note": "Changed"}),
    "escalate": ("in_progress", {"escalate-reason": "Changed"}),
    "close": ("resolved", {"close-note": "Changed"}),
    "reopen": ("closed", {"reopen-reason": "Changed"}),
}


@pytest.fixture
def eastside_complaint(eastdesk, east_desk):
    from feedback.tests.factories import ComplaintFactory

    return ComplaintFactory(service_point=east_desk, taken_by=eastdesk, contact_name="Unchanged")


@pytest.mark.parametrize("step", sorted(COMPLAINT_STEPS))
def test_every_step_on_another_branchs_complaint_answers_404_and_changes_nothing(
    supervisor_client, supervisor, eastside_complaint, step
):
    status, fields = COMPLAINT_STEPS[step]
    eastside_complaint.__class__.objects.filter(pk=eastside_complaint.pk).update(status=status)
    data = {name: value.format(supervisor=supervisor.pk) for name, value in fields.items()} | {"version": 1}
    response = supervisor_client.post(reverse(f"complaints:{step}", args=[eastside_complaint.pk]), data)
    assert response.status_code == 404
    eastside_complaint.refresh_from_db()
    assert (eastside_complaint.status, eastside_complaint.version, eastside_complaint.response) == (status, 1, "")
    assert eastside_complaint.assigned_to is None
    assert not eastside_complaint.steps.exists() and not eastside_complaint.replies.exists()


def test_another_branchs_complaint_answers_exactly_as_a_missing_one(supervisor_client, eastside_complaint):
    for name in ("detail", "letter"):
        outside = supervisor_client.get(reverse(f"complaints:{name}", args=[eastside_complaint.pk]))
        missing = supervisor_client.get(reverse(f"complaints:{name}", args=[eastside_complaint.pk + 999]))
        assert outside.status_code == missing.status_code == 404
        same = [re.sub(r"/complaints/\d+/", "/complaints/N/", page(response)) for response in (outside, missing)]
        assert same[0] == same[1]
        assert "Unchanged" not in page(outside)


# Comment cards and purchase suggestions -------------------------------------------------------

CARD_STEPS = ["thank", "act", "reply", "to_complaint", "to_suggestion", "close"]


@pytest.mark.parametrize("step", CARD_STEPS)
def test_every_step_on_an_eastside_card_answers_404_and_changes_nothing(supervisor_client, east_branch, step):
    from feedback.models import CommentCard, Complaint, PurchaseSuggestion
    from feedback.tests.factories import CommentCardFactory

    card = CommentCardFactory(branch=east_branch, name="Unchanged")
    data = {f"{step}-{name}": value for name, value in {"note": "x", "body": "x", "channel": "phone", "title": "T", "format": "book"}.items()}
    response = supervisor_client.post(reverse(f"cards:{step}", args=[card.pk]), data | {"version": card.version})
    assert response.status_code == 404
    assert list(CommentCard.objects.values_list("status", "version", "name")) == [("new", 1, "Unchanged")]
    assert not Complaint.objects.exists() and not PurchaseSuggestion.objects.exists()


def test_an_eastside_card_and_a_missing_one_look_the_same(supervisor_client, east_branch):
    from feedback.tests.factories import CommentCardFactory

    card = CommentCardFactory(branch=east_branch, comment="Unchanged")
    outside = supervisor_client.get(reverse("cards:detail", args=[card.pk]))
    missing = supervisor_client.get(reverse("cards:detail", args=[card.pk + 999]))
    same = [re.sub(r"/feedback/\d+/", "/feedback/N/", page(response)) for response in (outside, missing)]
    assert outside.status_code == missing.status_code == 404
    assert same[0] == same[1]


def test_deciding_an_eastside_suggestion_answers_404_and_changes_nothing(supervisor_client, east_branch):
    from feedback.models import PurchaseSuggestion
    from feedback.tests.factories import PurchaseSuggestionFactory

    suggestion = PurchaseSuggestionFactory(branch=east_branch)
    response = supervisor_client.post(reverse("suggestions:decide", args=[suggestion.pk]), {"status": "accepted", "version": 1})
    assert response.status_code == 404
    assert list(PurchaseSuggestion.objects.values_list("status", "version")) == [("pending", 1)]


def test_ticking_how_another_branchs_complaint_was_handled_answers_404(supervisor_client, eastside_complaint):
    from policy.models import ChecklistItem, ChecklistTick

    listened = ChecklistItem.objects.get(checklist__key="complaint", label="Listened without judgment")
    outside = supervisor_client.post(
        reverse("complaints:handled", args=[eastside_complaint.pk]), {f"handled-tick_{listened.pk}": "on"}
    )
    missing = supervisor_client.post(reverse("complaints:handled", args=[eastside_complaint.pk + 999]))
    assert outside.status_code == missing.status_code == 404
    assert not ChecklistTick.objects.exists()
