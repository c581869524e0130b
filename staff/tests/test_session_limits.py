import time

from django.urls import reverse

from staff.middleware import SessionLimitsMiddleware as Limits


def age_session(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[getattr(Limits, key)] = now - ago
    session.save()


def test_an_idle_session_ends_and_sign_in_brings_the_person_back(desk_client, desk, settings):
    settings.SESSION_IDLE_MINUTES = 15
    age_session(desk_client, LAST_SEEN=16 * 60)
    response = desk_client.get(reverse("patrons:register"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=%2Fpatrons%2Fnew%2F"
    page = desk_client.get(response["Location"])
    assert "signed out after 15 minutes without activity" in page.content.decode()
    again = desk_client.post(reverse("login") + "?next=/patrons/new/", {"username": "desk", "password": "demo", "next": "/patrons/new/"})
    assert again["Location"] == "/patrons/new/"


def test_activity_within_the_limit_keeps_the_session(desk_client, settings):
    settings.SESSION_IDLE_MINUTES = 15
    age_session(desk_client, LAST_SEEN=14 * 60)
    assert desk_client.get(reverse("patrons:register")).status_code == 200
    # The clock was reset by that request.
    assert int(time.time()) - desk_client.session[Limits.LAST_SEEN] < 5


def test_every_session_ends_after_the_maximum_lifetime_however_active(desk_client, settings):
    settings.SESSION_MAX_HOURS = 12
    age_session(desk_client, STARTED=12 * 3600 + 60, LAST_SEEN=10)
    response = desk_client.get(reverse("patrons:lookup"))
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in desk_client.session


def test_an_htmx_request_after_the_timeout_sends_the_whole_page_to_sign_in(desk_client, reference_desk, at_service_point):
    at_service_point(desk_client, reference_desk)
    age_session(desk_client, LAST_SEEN=60 * 60)
    response = desk_client.post(
        reverse("interactions:repeat_last"), HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="http://testserver/desk/"
    )
    assert response["HX-Redirect"] == f"{reverse('login')}?next=%2Fdesk%2F"


def test_changing_the_password_ends_the_persons_other_sessions(desk, client):
    from django.test import Client

    other_terminal = Client()
    other_terminal.force_login(desk)
    client.force_login(desk)
    response = client.post(
        reverse("password_change"),
        {"old_password": "demo", "new_password1": "a-long-new-passphrase-9", "new_password2": "a-long-new-passphrase-9"},
    )
    assert response["Location"] == reverse("password_change_done")
    assert client.get(reverse("patrons:lookup")).status_code == 200
    assert other_terminal.get(reverse("patrons:lookup"))["Location"].startswith(reverse("login"))


def test_a_weak_new_password_is_refused_with_the_reason(desk_client):
    response = desk_client.post(
        reverse("password_change"), {"old_password": "demo", "new_password1": "12345678", "new_password2": "12345678"}
    )
    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
