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
