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


def test_the_live_lists_refreshing_by_themselves_do_not_keep_the_session(desk_client, settings):
    settings.SESSION_IDLE_MINUTES = 15
    age_session(desk_client, LAST_SEEN=10 * 60)
    seen = desk_client.session["session_last_seen_at"]
    desk_client.get(reverse("patrons:lookup"), HTTP_X_BACKGROUND_REFRESH="1")
    assert desk_client.session["session_last_seen_at"] == seen
    desk_client.get(reverse("patrons:lookup"))
    assert desk_client.session["session_last_seen_at"] > seen


def test_a_background_refresh_after_the_idle_time_signs_out(desk_client, settings):
    settings.SESSION_IDLE_MINUTES = 15
    age_session(desk_client, LAST_SEEN=16 * 60)
    response = desk_client.get(reverse("patrons:lookup"), HTTP_X_BACKGROUND_REFRESH="1")
    assert response["Location"].startswith(reverse("login"))


def test_stay_signed_in_keeps_the_session(desk_client, settings):
    settings.SESSION_IDLE_MINUTES = 15
    age_session(desk_client, LAST_SEEN=14 * 60 + 50)
    response = desk_client.post(reverse("stay_signed_in"), HTTP_X_BACKGROUND_REFRESH="1")
    assert response.status_code == 204
    age_session(desk_client)  # nothing aged: the session as the button left it
    assert desk_client.get(reverse("patrons:lookup")).status_code == 200


def test_stay_signed_in_too_late_signs_out(desk_client, settings):
    settings.SESSION_IDLE_MINUTES = 15
    age_session(desk_client, LAST_SEEN=16 * 60)
    assert desk_client.post(reverse("stay_signed_in"))["Location"].startswith(reverse("login"))


def test_every_page_tells_the_script_when_to_warn(desk_client, settings):
    settings.SESSION_IDLE_MINUTES = 15
    html = desk_client.get(reverse("patrons:lookup")).content.decode()
    assert 'data-idle-seconds="900"' in html
    assert 'id="idle-warning"' in html and reverse("stay_signed_in") in html


def test_a_form_sent_after_the_idle_time_brings_the_person_back_to_the_page_it_was_on(desk_client, settings):
    settings.SESSION_IDLE_MINUTES = 15
    age_session(desk_client, LAST_SEEN=16 * 60)
    response = desk_client.post(
        reverse("complaints:take"), {"summary": "x"}, HTTP_REFERER="http://testserver/complaints/new/?from=desk"
    )
    assert response["Location"] == f"{reverse('login')}?next=%2Fcomplaints%2Fnew%2F%3Ffrom%3Ddesk"


def test_a_form_sent_from_another_site_after_the_idle_time_goes_home(desk_client, settings):
    settings.SESSION_IDLE_MINUTES = 15
    age_session(desk_client, LAST_SEEN=16 * 60)
    response = desk_client.post(reverse("complaints:take"), {}, HTTP_REFERER="https://evil.example/complaints/new/")
    assert response["Location"] == f"{reverse('login')}?next=%2F"
