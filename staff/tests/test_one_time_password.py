"""A password someone else set is a one-time password (roles.md): it ends the account's
sessions, tells the owner and the Director, and nothing but the password change opens
until the owner has chosen their own."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from staff.models import AccessRecord, StaffProfile

NEW = "Set-by-IT-2026"


def set_password(client, account):
    return client.post(
        reverse("admin:auth_user_password_change", args=[account.pk]),
        {"password1": NEW, "password2": NEW, "usable_password": "true"},
    )


def sign_in(username, password):
    client = Client()
    assert client.post(reverse("login"), {"username": username, "password": password}).status_code == 302
    return client


@pytest.fixture
def told(desk, director):
    desk.email = "desk@library.example"
    desk.save()
    director.email = "director@library.example"
    director.save()


def test_a_password_set_by_the_administrator_ends_the_sessions_and_tells_owner_and_director(
    itadmin_client, desk, desk_client, told, mailoutbox, django_capture_on_commit_callbacks
):
    assert desk_client.get(reverse("password_change")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert set_password(itadmin_client, desk).status_code == 302
    response = desk_client.get(reverse("password_change"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert StaffProfile.objects.get(user=desk).must_change_password
    assert sorted(address for mail in mailoutbox for address in mail.to) == [
        "desk@library.example",
        "director@library.example",
    ]
    entry = AccessRecord.objects.get(action=AccessRecord.Action.ACCOUNT_CHANGE, detail="password set by another person")
    assert entry.record_id == desk.pk and entry.actor.username == "itadmin"


@pytest.mark.parametrize("url_name", ["interactions:desk", "access_record", "patrons:lookup", "admin:index"])
def test_nothing_but_the_password_change_opens_until_the_owner_chooses_one(itadmin_client, desk, url_name):
    set_password(itadmin_client, desk)
    client = sign_in("desk", NEW)
    response = client.get(reverse(url_name))
    assert (response.status_code, response["Location"]) == (302, reverse("password_change"))
    htmx = client.get(reverse(url_name), headers={"HX-Request": "true"})
    assert htmx["HX-Redirect"] == reverse("password_change")
    assert "set by another person" in client.get(reverse("password_change")).content.decode()


def test_once_the_owner_has_chosen_their_own_every_page_opens_again(itadmin_client, desk):
    set_password(itadmin_client, desk)
    client = sign_in("desk", NEW)
    response = client.post(
        reverse("password_change"),
        {"old_password": NEW, "new_password1": "Chosen-by-desk-99", "new_password2": "Chosen-by-desk-99"},
    )
    assert response.status_code == 302
    assert client.get(reverse("patrons:lookup")).status_code == 200
    assert not StaffProfile.objects.get(user=desk).must_change_password
    assert sign_in("desk", "Chosen-by-desk-99").get(reverse("patrons:lookup")).status_code == 200
    assert AccessRecord.objects.filter(actor=desk, detail="changed their own password").exists()


def test_a_password_the_owner_changes_is_not_a_one_time_password(desk_client, desk):
    response = desk_client.post(
        reverse("password_change"),
        {"old_password": "demo", "new_password1": "Chosen-by-desk-99", "new_password2": "Chosen-by-desk-99"},
    )
    assert response.status_code == 302
    assert not StaffProfile.objects.get(user=desk).must_change_password
    assert desk_client.get(reverse("patrons:lookup")).status_code == 200


def test_an_account_added_with_a_password_must_change_it(itadmin_client):
    response = itadmin_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "newdesk",
            "password1": NEW,
            "password2": NEW,
            "usable_password": "true",
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "0",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
        },
    )
    assert response.status_code == 302
    account = get_user_model().objects.get(username="newdesk")
    assert StaffProfile.objects.get(user=account).must_change_password
    response = sign_in("newdesk", NEW).get(reverse("home"))
    assert response["Location"] == reverse("password_change")
