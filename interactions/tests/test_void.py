"""Voiding an interaction (roles.md: "void with a reason (kept, marked)"): supervisors of its
branch and the Director; the row stays, marked, and leaves the counts."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from interactions import selectors, services
from interactions.models import Interaction
from interactions.tests.factories import InteractionFactory
from servicedesk.lib.retention import REMOVED
from servicedesk.lib.workflow import EditConflict


@pytest.fixture
def logged(reference_desk, desk):
    return InteractionFactory(service_point=reference_desk, staff=desk)


def void_url(interaction):
    return reverse("interactions:void", args=[interaction.pk])


def test_a_supervisor_voids_with_a_reason_and_it_is_kept_and_marked(logged, supervisor):
    services.interaction_void(interaction=logged, by=supervisor, reason="Logged twice", version=logged.version)
    logged.refresh_from_db()
    assert (logged.is_voided, logged.voided_by, logged.void_reason) == (True, supervisor, "Logged twice")
    assert Interaction.objects.filter(pk=logged.pk).exists()
    assert not Interaction.objects.counted().filter(pk=logged.pk).exists()


def test_the_director_voids_at_any_branch(east_desk, eastdesk, director):
    east = InteractionFactory(service_point=east_desk, staff=eastdesk)
    services.interaction_void(interaction=east, by=director, reason="A test entry", version=east.version)
    assert east.is_voided


@pytest.mark.parametrize("who", ["desk", "desk2", "eastdesk", "itadmin"])
def test_no_one_else_voids_not_even_the_author(logged, who, request):
    with pytest.raises(PermissionDenied):
        services.interaction_void(interaction=logged, by=request.getfixturevalue(who), reason="x", version=logged.version)


def test_a_supervisor_of_another_branch_cannot_void(east_desk, eastdesk, supervisor):
    east = InteractionFactory(service_point=east_desk, staff=eastdesk)
    with pytest.raises(PermissionDenied):
        services.interaction_void(interaction=east, by=supervisor, reason="x", version=east.version)


def test_voiding_requires_a_reason(logged, supervisor):
    with pytest.raises(ValidationError) as error:
        services.interaction_void(interaction=logged, by=supervisor, reason="   ", version=logged.version)
    assert "Say why it is voided" in str(error.value)


def test_voiding_twice_is_refused(logged, supervisor):
    services.interaction_void(interaction=logged, by=supervisor, reason="Logged twice", version=logged.version)
    with pytest.raises(ValidationError):
        services.interaction_void(interaction=logged, by=supervisor, reason="Again", version=logged.version)


def test_voiding_from_an_older_copy_is_refused(logged, supervisor):
    with pytest.raises(EditConflict):
        services.interaction_void(interaction=logged, by=supervisor, reason="Logged twice", version=logged.version - 1)


def test_a_voided_interaction_is_no_longer_corrected(logged, supervisor):
    services.interaction_void(interaction=logged, by=supervisor, reason="Logged twice", version=logged.version)
    with pytest.raises(ValidationError):
        services.interaction_correct(interaction=logged, by=supervisor, version=logged.version, effort=3)


def test_todays_counts_leave_the_voided_out_and_the_log_marks_it(logged, reference_desk, supervisor, desk, reference):
    kept = InteractionFactory(service_point=reference_desk, staff=desk, kind=reference)
    services.interaction_void(interaction=logged, by=supervisor, reason="Logged twice", version=logged.version)
    counts = selectors.todays_counts(viewer=supervisor, service_point=reference_desk)
    assert [(row["kind__name"], row["count"]) for row in counts] == [(kept.kind.name, 1)]
    log = selectors.todays_log(viewer=supervisor, service_point=reference_desk)
    assert {interaction.pk: interaction.is_voided for interaction in log} == {logged.pk: True, kept.pk: False}


def test_the_console_shows_the_voided_entry_marked_and_counts_without_it(
    desk_at_reference, logged, supervisor, reference_desk
):
    services.interaction_void(interaction=logged, by=supervisor, reason="Logged twice", version=logged.version)
    page = desk_at_reference.get(reverse("interactions:desk")).content.decode()
    assert "Voided</span>" in page
    assert '<span class="badge text-bg-secondary">0</span>' in page


def test_the_page_offers_the_step_to_a_supervisor_and_voids_it(supervisor_client, logged):
    page = supervisor_client.get(reverse("interactions:detail", args=[logged.pk])).content.decode()
    assert void_url(logged) in page
    response = supervisor_client.post(void_url(logged), {"reason": "Logged at the wrong desk", "version": logged.version})
    assert response["Location"] == reverse("interactions:detail", args=[logged.pk])
    page = supervisor_client.get(response["Location"]).content.decode()
    assert "Logged at the wrong desk" in page and "Voided by" in page
    assert void_url(logged) not in page


def test_the_page_does_not_offer_the_step_to_desk_staff(desk_client, logged):
    page = desk_client.get(reverse("interactions:detail", args=[logged.pk])).content.decode()
    assert void_url(logged) not in page


def test_desk_staff_posting_a_void_are_refused(desk_client, logged):
    assert desk_client.post(void_url(logged), {"reason": "x", "version": logged.version}).status_code == 403
    logged.refresh_from_db()
    assert not logged.is_voided


def test_a_void_without_a_reason_comes_back_with_the_message(supervisor_client, logged):
    response = supervisor_client.post(void_url(logged), {"reason": "", "version": logged.version})
    assert response.status_code == 422
    assert "Say why it is voided" in response.content.decode()


def test_a_void_from_an_older_copy_answers_409_and_keeps_the_reason(supervisor_client, logged):
    response = supervisor_client.post(void_url(logged), {"reason": "Logged twice", "version": logged.version - 1})
    assert response.status_code == 409
    assert "Logged twice" in response.content.decode()


def test_the_retention_run_clears_the_reason_and_keeps_the_mark(logged, supervisor):
    services.interaction_void(interaction=logged, by=supervisor, reason="Mrs Smith twice", version=logged.version)
    Interaction.objects.filter(pk=logged.pk).update(occurred_at=timezone.now() - datetime.timedelta(days=400))
    services.interactions_deidentify(before=timezone.now() - datetime.timedelta(days=1))
    logged.refresh_from_db()
    assert logged.void_reason == REMOVED and logged.is_voided
