from django.test import Client
from django.urls import reverse

LOGIN = reverse("login")


def sign_in(client, password, address="10.0.0.5"):
    return client.post(LOGIN, {"username": "desk", "password": password}, REMOTE_ADDR=address)


def test_repeated_failures_lock_the_account_at_that_terminal_with_a_clear_message(client, desk, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        sign_in(client, "wrong")
    response = sign_in(client, "demo")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Sign-in is locked for this account here" in html
    assert "locked here for 15 minutes" in html
    assert "_auth_user_id" not in client.session


def test_the_person_can_still_sign_in_at_another_terminal(client, desk, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        sign_in(client, "wrong")
    elsewhere = Client()
    response = sign_in(elsewhere, "demo", address="10.0.0.9")
    assert response.status_code == 302
    assert elsewhere.session["_auth_user_id"] == str(desk.pk)


def test_a_success_before_the_limit_starts_the_count_again(client, desk, settings):
    settings.AXES_FAILURE_LIMIT = 3
    sign_in(client, "wrong")
    sign_in(client, "wrong")
    assert sign_in(client, "demo").status_code == 302
    client.post(reverse("logout"))
    sign_in(client, "wrong")
    sign_in(client, "wrong")
    assert sign_in(client, "demo").status_code == 302
    assert client.session["_auth_user_id"] == str(desk.pk)


def test_the_administrator_unlocks_it_in_the_admin(client, desk, itadmin_client, settings):
    from axes.models import AccessAttempt

    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        sign_in(client, "wrong")
    attempt = AccessAttempt.objects.get(username="desk")
    changelist = itadmin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200
    itadmin_client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert not AccessAttempt.objects.exists()
    assert sign_in(client, "demo").status_code == 302


def test_desk_staff_cannot_unlock(desk_client):
    assert desk_client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 302
