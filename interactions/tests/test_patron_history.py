"""A patron's interaction history on the patron page: supervisors (own branch) and the
Director; every read recorded in the access record."""

import pytest
from django.urls import reverse

from interactions import services
from interactions.tests.factories import InteractionFactory
from patrons.tests.factories import PatronFactory
from staff.models import AccessRecord


@pytest.fixture
def patron(main_branch):
    return PatronFactory(home_branch=main_branch)


@pytest.fixture
def history(patron, reference_desk, east_desk, desk, eastdesk):
    return {
        "main": InteractionFactory(service_point=reference_desk, staff=desk, patron=patron),
        "east": InteractionFactory(service_point=east_desk, staff=eastdesk, patron=patron),
        "someone_else": InteractionFactory(service_point=reference_desk, staff=desk, patron=PatronFactory()),
    }


def history_url(patron):
    return reverse("interactions:patron_history", args=[patron.pk])


def shown(response):
    return {interaction.pk for interaction in response.context["history"]}


def reads(patron):
    return AccessRecord.objects.filter(
        action=AccessRecord.Action.READ_PATRON_HISTORY, record_type="patron", record_id=patron.pk
    )


def test_a_supervisor_sees_the_patrons_interactions_at_own_branch_and_the_read_is_recorded(
    supervisor_client, supervisor, patron, history
):
    response = supervisor_client.get(history_url(patron))
    assert response.status_code == 200
    assert shown(response) == {history["main"].pk}
    assert list(reads(patron).values_list("actor", flat=True)) == [supervisor.pk]


def test_the_director_sees_every_branch(director_client, patron, history):
    assert shown(director_client.get(history_url(patron))) == {history["main"].pk, history["east"].pk}


def test_desk_staff_are_refused_and_nothing_is_recorded(desk_client, patron, history):
    assert desk_client.get(history_url(patron)).status_code == 403
    assert not reads(patron).exists()


def test_the_history_marks_a_voided_interaction(supervisor_client, supervisor, patron, history):
    voided = history["main"]
    services.interaction_void(interaction=voided, by=supervisor, reason="Logged twice", version=voided.version)
    page = supervisor_client.get(history_url(patron)).content.decode()
    assert "Voided</span>" in page


def test_the_patron_page_offers_it_to_supervisors_and_htmx_gets_the_list_alone(supervisor_client, patron, history):
    page = supervisor_client.get(reverse("patrons:detail", args=[patron.pk])).content.decode()
    assert history_url(patron) in page
    assert not reads(patron).exists()
    fragment = supervisor_client.get(history_url(patron), HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<div id="patron-history">')


def test_the_patron_page_does_not_offer_it_to_desk_staff(desk_client, patron):
    assert history_url(patron) not in desk_client.get(reverse("patrons:detail", args=[patron.pk])).content.decode()


def test_the_history_takes_a_constant_number_of_queries(supervisor_client, patron, history, reference_desk, desk,
                                                        django_assert_max_num_queries):
    InteractionFactory.create_batch(10, service_point=reference_desk, staff=desk, patron=patron)
    with django_assert_max_num_queries(14):
        supervisor_client.get(history_url(patron))
