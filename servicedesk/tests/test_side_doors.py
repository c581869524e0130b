"""Nothing confidential leaks by the side door: no patron name, card number or note in a page
title, a URL (a redirect included) or the application's logs, whoever asks and whatever the
answer."""

import logging
import re

import pytest
from django.urls import reverse

from interactions.models import InteractionKind
from interactions.tests.factories import InteractionFactory
from interactions.tests.test_log import form_data
from patrons.tests.conftest import registration_data
from patrons.tests.factories import PatronFactory

NAME, SURNAME, CARD, NOTE = "Philippa", "Quillfeather", "27654321098765", "Asked about divorce papers"
SECRETS = [NAME, SURNAME, CARD, NOTE, "2765 4321"]


@pytest.fixture
def patron(main_branch):
    return PatronFactory(first_name=NAME, last_name=SURNAME, card_number=CARD, home_branch=main_branch)


@pytest.fixture
def interaction(patron, desk, reference_desk):
    return InteractionFactory(service_point=reference_desk, staff=desk, patron=patron, note=NOTE)


def title(response) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    return match.group(1) if match else ""


def assert_nothing_confidential(response, caplog):
    for secret in SECRETS:
        assert secret not in title(response), f"{secret!r} in the page title"
        assert secret not in response.get("Location", ""), f"{secret!r} in a redirect URL"
        assert secret not in caplog.text, f"{secret!r} in the logs"


@pytest.fixture
def everything_logged(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def test_pages_that_show_a_patron_or_a_note_keep_them_out_of_titles_and_logs(
    director_client, desk_client, eastdesk_client, patron, interaction, everything_logged, at_service_point, reference_desk
):
    at_service_point(director_client, reference_desk)
    at_service_point(desk_client, reference_desk)
    responses = [
        director_client.get(reverse("interactions:desk")),
        director_client.get(reverse("interactions:detail", args=[interaction.pk])),
        director_client.get(reverse("patrons:detail", args=[patron.pk])),
        director_client.get(reverse("patrons:edit", args=[patron.pk])),
        director_client.post(reverse("patrons:lookup"), {"query": CARD}),
        director_client.post(reverse("patrons:lookup"), {"query": f"{NAME} {SURNAME[:4]}"}),
        desk_client.get(reverse("interactions:desk")),
        desk_client.get(reverse("interactions:detail", args=[interaction.pk])),
        eastdesk_client.get(reverse("interactions:detail", args=[interaction.pk])),
    ]
    assert [response.status_code for response in responses] == [200] * 8 + [404]
    assert SURNAME in responses[2].content.decode(), "the page itself shows the patron"
    for response in responses:
        assert_nothing_confidential(response, everything_logged)


def test_logging_and_registering_redirect_by_id_only(desk_client, patron, everything_logged, at_service_point, reference_desk, main_branch):
    at_service_point(desk_client, reference_desk)
    reference = InteractionKind.objects.get(name="Reference")
    logged = desk_client.post(reverse("interactions:log"), form_data(reference, patron_card=CARD, note=NOTE))
    registered = desk_client.post(
        reverse("patrons:register"),
        registration_data(main_branch, card_number="27654321098766", first_name=NAME, last_name=SURNAME),
    )
    assert logged.status_code == 302 and registered.status_code == 302
    for response in (logged, registered):
        assert_nothing_confidential(response, everything_logged)
