import uuid

from django.urls import reverse

from interactions.models import Interaction
from interactions.tests.conftest import submission_keys


def quick_url(kind):
    return reverse("interactions:quick_log", args=[kind.pk])


def test_one_click_logs_an_interaction_here_with_the_desk_defaults(desk_at_reference, desk, reference_desk, directional):
    response = desk_at_reference.post(quick_url(directional), {"submission_key": str(uuid.uuid4())})
    assert response.status_code == 302
    interaction = Interaction.objects.get()
    assert interaction.kind == directional
    assert interaction.service_point == reference_desk
    assert interaction.staff == desk
    assert interaction.channel == Interaction.Channel.IN_PERSON
    assert interaction.effort == 1
    assert interaction.outcome == Interaction.Outcome.ANSWERED
    assert interaction.patron is None and interaction.note == ""


def test_on_the_phone_line_a_quick_log_is_a_call(desk_client, main_branch, at_service_point, directional):
    from staff.tests.factories import ServicePointFactory

    phone = ServicePointFactory(branch=main_branch, name="Phone line", kind="phone")
    at_service_point(desk_client, phone)
    desk_client.post(quick_url(directional), {"submission_key": str(uuid.uuid4())})
    assert Interaction.objects.get().channel == Interaction.Channel.PHONE


def test_a_double_click_logs_one_interaction(desk_at_reference, directional):
    key = str(uuid.uuid4())
    desk_at_reference.post(quick_url(directional), {"submission_key": key})
    desk_at_reference.post(quick_url(directional), {"submission_key": key})
    assert Interaction.objects.count() == 1


def test_two_deliberate_clicks_log_two_because_each_response_brings_fresh_keys(desk_at_reference, directional):
    page = desk_at_reference.get(reverse("interactions:desk"))
    first_key = submission_keys(page)[0]
    fragment = desk_at_reference.post(quick_url(directional), {"submission_key": first_key}, HTTP_HX_REQUEST="true")
    second_key = submission_keys(fragment)[0]
    assert second_key != first_key
    desk_at_reference.post(quick_url(directional), {"submission_key": second_key}, HTTP_HX_REQUEST="true")
    assert Interaction.objects.count() == 2


def test_with_htmx_the_buttons_and_todays_log_come_back_as_fragments(desk_at_reference, directional):
    response = desk_at_reference.post(
        quick_url(directional), {"submission_key": str(uuid.uuid4())}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="quick-log"' in html
    assert 'id="todays-log" aria-labelledby="todays-log-heading" hx-swap-oob="true"' in html
    assert "Logged <strong>Directional</strong>" in html
    assert ">Undo</button>" in html


def test_without_javascript_the_console_shows_the_undo_after_the_redirect(desk_at_reference, directional):
    response = desk_at_reference.post(quick_url(directional), {"submission_key": str(uuid.uuid4())}, follow=True)
    assert "Logged <strong>Directional</strong>" in response.content.decode()


def test_desk_staff_cannot_log_without_a_service_point(desk_client, directional):
    response = desk_client.post(quick_url(directional), {"submission_key": str(uuid.uuid4())})
    assert response.status_code == 302
    assert Interaction.objects.count() == 0


def test_the_administrator_cannot_log(itadmin_client, directional):
    assert itadmin_client.post(quick_url(directional)).status_code == 403
    assert Interaction.objects.count() == 0


def test_get_is_not_allowed(desk_at_reference, directional):
    assert desk_at_reference.get(quick_url(directional)).status_code == 405


def test_an_inactive_kind_is_refused_with_a_message(desk_at_reference, directional):
    directional.is_active = False
    directional.save()
    response = desk_at_reference.post(quick_url(directional), HTTP_HX_REQUEST="true")
    assert "no longer offered" in response.content.decode()
    assert Interaction.objects.count() == 0


def test_a_garbled_key_still_logs(desk_at_reference, directional):
    desk_at_reference.post(quick_url(directional), {"submission_key": "not-a-uuid"})
    assert Interaction.objects.count() == 1
