"""A desk form posted after the session timed out saves nothing (staff/middleware.py)."""

from django.urls import reverse

from interactions.models import Interaction, InteractionKind
from staff.tests.test_session_limits import age_session


def test_a_form_posted_after_the_timeout_saves_nothing(desk_client, reference_desk, at_service_point):
    at_service_point(desk_client, reference_desk)
    age_session(desk_client, LAST_SEEN=60 * 60)
    kind = InteractionKind.objects.get(name="Directional")
    desk_client.post(reverse("interactions:quick_log", args=[kind.pk]))
    assert not Interaction.objects.exists()
