import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from interactions.models import Interaction
from interactions.tests.factories import InteractionFactory
from patrons.tests.factories import PatronFactory

REPEAT = reverse("interactions:repeat_last")


def undo_url(interaction):
    return reverse("interactions:undo", args=[interaction.pk])


def test_repeat_last_logs_the_same_statistics_now_without_patron_or_note(
    desk_at_reference, desk, reference_desk, reference
):
    earlier = InteractionFactory(
        service_point=reference_desk,
        staff=desk,
        kind=reference,
        effort=3,
        outcome=Interaction.Outcome.ALTERNATIVE_OFFERED,
        alternative=Interaction.Alternative.INTERLIBRARY_LOAN,
        patron=PatronFactory(),
        note="private",
        occurred_at=timezone.now() - datetime.timedelta(hours=1),
    )
    desk_at_reference.post(REPEAT, {"submission_key": str(uuid.uuid4())})
    repeated = Interaction.objects.exclude(pk=earlier.pk).get()
    assert (repeated.kind, repeated.effort, repeated.outcome, repeated.alternative) == (
        reference,
        3,
        Interaction.Outcome.ALTERNATIVE_OFFERED,
        Interaction.Alternative.INTERLIBRARY_LOAN,
    )
    assert repeated.patron is None and repeated.note == ""
    assert repeated.occurred_at > earlier.occurred_at


def test_repeat_last_with_nothing_to_repeat_says_so(desk_at_reference):
    response = desk_at_reference.post(REPEAT, HTTP_HX_REQUEST="true")
    assert "Nothing to repeat yet" in response.content.decode()
    assert Interaction.objects.count() == 0


def test_repeat_last_repeats_only_my_own(desk_at_reference, desk2, reference_desk):
    InteractionFactory(service_point=reference_desk, staff=desk2)
    desk_at_reference.post(REPEAT)
    assert Interaction.objects.count() == 1


def test_undo_removes_my_interaction_just_logged(desk_at_reference, desk, reference_desk):
    interaction = InteractionFactory(service_point=reference_desk, staff=desk)
    response = desk_at_reference.post(undo_url(interaction), HTTP_HX_REQUEST="true")
    assert "Undone" in response.content.decode()
    assert not Interaction.objects.exists()


def test_undo_is_refused_after_the_window(desk_at_reference, desk, reference_desk):
    interaction = InteractionFactory(service_point=reference_desk, staff=desk)
    Interaction.objects.filter(pk=interaction.pk).update(created_at=timezone.now() - datetime.timedelta(seconds=30))
    response = desk_at_reference.post(undo_url(interaction), follow=True)
    assert "too late to undo" in response.content.decode()
    assert Interaction.objects.count() == 1


@pytest.mark.parametrize("who", ["desk2_client", "eastdesk_client"])
def test_nobody_else_can_undo_my_interaction(request, who, desk, reference_desk, east_desk, at_service_point):
    interaction = InteractionFactory(service_point=reference_desk, staff=desk)
    client = request.getfixturevalue(who)
    at_service_point(client, east_desk if who == "eastdesk_client" else reference_desk)
    assert client.post(undo_url(interaction)).status_code == 404
    assert Interaction.objects.count() == 1


def test_the_undo_offer_is_for_what_was_logged_in_this_session(desk_at_reference, desk, reference_desk, reference):
    desk_at_reference.post(reverse("interactions:quick_log", args=[reference.pk]))
    logged = Interaction.objects.get()
    assert undo_url(logged) in desk_at_reference.get(reverse("interactions:desk")).content.decode()


def test_the_undo_offer_from_before_a_sign_out_is_not_shown_after_signing_in_again(
    desk_at_reference, desk, reference_desk, reference, at_service_point
):
    logged = InteractionFactory(
        service_point=reference_desk, staff=desk, kind=reference, created_at=timezone.now() - datetime.timedelta(seconds=2)
    )
    desk_at_reference.post(reverse("logout"))
    desk_at_reference.force_login(desk)
    at_service_point(desk_at_reference, reference_desk)
    page = desk_at_reference.get(reverse("interactions:desk")).content.decode()
    assert undo_url(logged) not in page
    assert "Logged <strong>" not in page
