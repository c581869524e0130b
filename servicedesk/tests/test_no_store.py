"""Nothing sent to a signed-in person stays in a browser's or a proxy's cache; static files
and what anonymous visitors see are cached as before."""

import uuid

from django.urls import reverse
from django.utils import timezone

from feedback.tests.factories import ComplaintFactory
from interactions.models import InteractionKind
from interactions.tests.factories import InteractionFactory


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_an_interaction_page_is_not_stored(desk_client, desk, reference_desk):
    interaction = InteractionFactory(service_point=reference_desk, staff=desk, note="Asked about a custody case")
    response = desk_client.get(reverse("interactions:detail", args=[interaction.pk]))
    assert response.status_code == 200
    assert no_store(response)


def test_the_desk_forms_fragment_echoing_a_typed_note_is_not_stored(desk_client, reference_desk, at_service_point):
    at_service_point(desk_client, reference_desk)
    data = {
        "submission_key": str(uuid.uuid4()),
        "kind": InteractionKind.objects.get(name="Reference").pk,
        "channel": "in_person",
        "effort": "7",
        "outcome": "answered",
        "note": "Asked about a custody case",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }
    response = desk_client.post(reverse("interactions:log"), data, HTTP_HX_REQUEST="true")
    assert "Asked about a custody case" in response.content.decode()
    assert no_store(response)


def test_a_complaint_page_is_not_stored(director_client):
    complaint = ComplaintFactory()
    response = director_client.get(reverse("complaints:detail", args=[complaint.pk]))
    assert response.status_code == 200
    assert no_store(response)


def test_an_export_is_not_stored(director_client):
    response = director_client.get(reverse("access_record_export"))
    assert response["Content-Type"].startswith("text/csv")
    assert no_store(response)


def test_a_page_that_says_how_to_cache_it_keeps_its_word(desk_client):
    response = desk_client.get("/healthz")
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_a_static_file_is_not_marked_no_store(settings, desk_client):
    settings.WHITENOISE_USE_FINDERS = True  # as in production, where the files are collected
    response = desk_client.get("/static/css/app.css")
    assert response.status_code == 200
    assert not no_store(response)


def test_public_pages_for_anonymous_visitors_are_left_alone(client, db):
    response = client.get(reverse("reviews:decisions"))
    assert response.status_code == 200
    assert not no_store(response)
