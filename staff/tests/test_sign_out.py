"""Signing out says so; an idle sign-out gives the same person their service point back."""

from django.urls import reverse

from staff.current import SESSION_KEY
from staff.tests.test_session_limits import age_session


def test_signing_out_says_so_on_the_sign_in_page(desk_client):
    response = desk_client.post(reverse("logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "You have signed out." in response.content.decode()


def test_an_idle_sign_out_does_not_say_the_person_signed_out_themselves(desk_client, settings):
    settings.SESSION_IDLE_MINUTES = 15
    age_session(desk_client, LAST_SEEN=16 * 60)
    page = desk_client.get(reverse("patrons:lookup"), follow=True).content.decode()
    assert "without activity" in page
    assert "You have signed out." not in page


def _sign_in(client, username):
    return client.post(reverse("login"), {"username": username, "password": "demo"})


def test_after_an_idle_sign_out_signing_in_again_brings_the_service_point_back(
    desk_client, reference_desk, at_service_point, settings
):
    at_service_point(desk_client, reference_desk)
    age_session(desk_client, LAST_SEEN=16 * 60)
    desk_client.get(reverse("interactions:desk"))
    assert "_auth_user_id" not in desk_client.session
    _sign_in(desk_client, "desk")
    assert desk_client.session[SESSION_KEY] == reference_desk.pk
    assert desk_client.get(reverse("interactions:desk")).status_code == 200


def test_a_colleague_signing_in_after_the_idle_sign_out_chooses_their_own_service_point(
    desk_client, desk2, reference_desk, at_service_point
):
    at_service_point(desk_client, reference_desk)
    age_session(desk_client, LAST_SEEN=16 * 60)
    desk_client.get(reverse("interactions:desk"))
    _sign_in(desk_client, "desk2")
    assert SESSION_KEY not in desk_client.session
    assert desk_client.get(reverse("interactions:desk"))["Location"].startswith(reverse("choose_service_point"))


def test_signing_out_on_purpose_leaves_no_service_point_for_the_next_sign_in(desk_client, reference_desk, at_service_point):
    at_service_point(desk_client, reference_desk)
    desk_client.post(reverse("logout"))
    _sign_in(desk_client, "desk")
    assert SESSION_KEY not in desk_client.session
