import datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from staff.models import AccessRecord

LOGIN = reverse("login")
LOCKED = reverse("locked_accounts")
MAIN_TERMINAL = "10.0.0.5"
EAST_TERMINAL = "10.0.1.7"


@pytest.fixture(autouse=True)
def limit_of_three(settings):
    settings.AXES_FAILURE_LIMIT = 3


def sign_in(username, password, address, browser="Firefox"):
    client = Client(HTTP_USER_AGENT=browser)
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def lock_out(username, address):
    for _ in range(3):
        sign_in(username, "wrong", address)
    return AccessAttempt.objects.get(username=username, ip_address=address)


def unlock(client, lockout):
    return client.post(reverse("unlock_account", args=[lockout.pk]), follow=True)


def test_a_supervisor_sees_a_lockout_at_own_branch_and_not_another_branchs(
    supervisor_client, desk, eastdesk, django_assert_max_num_queries
):
    lock_out("desk", MAIN_TERMINAL)
    lock_out("eastdesk", EAST_TERMINAL)
    with django_assert_max_num_queries(8):
        response = supervisor_client.get(LOCKED)
    assert response.status_code == 200
    html = response.content.decode()
    assert desk.get_full_name() in html
    assert MAIN_TERMINAL in html
    assert "eastdesk" not in html
    assert EAST_TERMINAL not in html


def test_fewer_failures_than_the_limit_are_no_lockout(supervisor_client, desk):
    sign_in("desk", "wrong", MAIN_TERMINAL)
    sign_in("desk", "wrong", MAIN_TERMINAL)
    assert MAIN_TERMINAL not in supervisor_client.get(LOCKED).content.decode()


def test_a_lockout_past_its_cool_off_is_not_listed(supervisor_client, desk, settings):
    lockout = lock_out("desk", MAIN_TERMINAL)
    AccessAttempt.objects.filter(pk=lockout.pk).update(
        attempt_time=lockout.attempt_time - settings.SIGN_IN_COOL_OFF - datetime.timedelta(seconds=1)
    )
    assert MAIN_TERMINAL not in supervisor_client.get(LOCKED).content.decode()
    assert unlock(supervisor_client, lockout).status_code == 404


def test_the_supervisor_unlocks_and_the_person_signs_in_again_at_that_terminal(supervisor_client, desk):
    lockout = lock_out("desk", MAIN_TERMINAL)
    assert sign_in("desk", "demo", MAIN_TERMINAL).status_code == 429
    response = unlock(supervisor_client, lockout)
    assert response.status_code == 200
    assert f"desk can sign in again at {MAIN_TERMINAL}." in response.content.decode()
    assert not AccessAttempt.objects.filter(username="desk").exists()
    assert sign_in("desk", "demo", MAIN_TERMINAL).status_code == 302


def test_unlocking_leaves_the_accounts_locks_at_other_terminals(supervisor_client, desk):
    lockout = lock_out("desk", MAIN_TERMINAL)
    lock_out("desk", "10.0.0.6")
    unlock(supervisor_client, lockout)
    assert sign_in("desk", "demo", "10.0.0.6").status_code == 429


def test_unlocking_is_in_the_access_record_with_who_did_it(supervisor_client, supervisor, desk):
    unlock(supervisor_client, lock_out("desk", MAIN_TERMINAL))
    entry = AccessRecord.objects.get(action=AccessRecord.Action.ACCOUNT_CHANGE, actor=supervisor)
    assert (entry.record_type, entry.record_id) == ("user", desk.pk)


def test_a_supervisor_cannot_unlock_another_branchs_account(supervisor_client, supervisor, eastdesk):
    lockout = lock_out("eastdesk", EAST_TERMINAL)
    assert unlock(supervisor_client, lockout).status_code == 404
    assert AccessAttempt.objects.filter(pk=lockout.pk).exists()
    assert sign_in("eastdesk", "demo", EAST_TERMINAL).status_code == 429
    assert not AccessRecord.objects.filter(action=AccessRecord.Action.ACCOUNT_CHANGE, actor=supervisor).exists()


@pytest.mark.parametrize("persona", ["director_client", "itadmin_client"])
def test_the_director_and_it_see_every_lockout_also_of_a_username_that_is_no_account(
    persona, request, desk, eastdesk
):
    lock_out("desk", MAIN_TERMINAL)
    lock_out("eastdesk", EAST_TERMINAL)
    lock_out("nosuchperson", "10.0.2.9")
    html = request.getfixturevalue(persona).get(LOCKED).content.decode()
    assert MAIN_TERMINAL in html
    assert EAST_TERMINAL in html
    assert "nosuchperson" in html
    assert "not an account" in html


def test_a_supervisor_does_not_see_a_username_that_is_no_account(supervisor_client):
    lockout = lock_out("nosuchperson", "10.0.2.9")
    assert "nosuchperson" not in supervisor_client.get(LOCKED).content.decode()
    assert unlock(supervisor_client, lockout).status_code == 404


def test_the_director_unlocks_a_username_that_is_no_account(director_client, director):
    lockout = lock_out("nosuchperson", "10.0.2.9")
    assert "nosuchperson can sign in again at 10.0.2.9." in unlock(director_client, lockout).content.decode()
    assert not AccessAttempt.objects.exists()
    entry = AccessRecord.objects.get(action=AccessRecord.Action.ACCOUNT_CHANGE, actor=director)
    assert entry.record_id is None


def test_failures_from_two_browsers_at_one_terminal_add_up_to_one_lock(supervisor_client, desk):
    sign_in("desk", "wrong", MAIN_TERMINAL, browser="Chromium")
    sign_in("desk", "wrong", MAIN_TERMINAL)
    sign_in("desk", "wrong", MAIN_TERMINAL)
    assert AccessAttempt.objects.filter(username="desk").count() == 2
    assert sign_in("desk", "demo", MAIN_TERMINAL).status_code == 429
    response = supervisor_client.get(LOCKED)
    assert response.content.decode().count(f"<td>{MAIN_TERMINAL}</td>") == 1
    lockout = AccessAttempt.objects.filter(username="desk").latest("attempt_time")
    unlock(supervisor_client, lockout)
    assert sign_in("desk", "demo", MAIN_TERMINAL).status_code == 302


def test_desk_staff_are_refused_the_section(desk_client, desk2):
    lockout = lock_out("desk2", MAIN_TERMINAL)
    assert desk_client.get(LOCKED).status_code == 403
    assert desk_client.post(reverse("unlock_account", args=[lockout.pk])).status_code == 403
    assert AccessAttempt.objects.filter(pk=lockout.pk).exists()


def test_anyone_not_signed_in_is_sent_to_sign_in(client, desk):
    lockout = lock_out("desk", MAIN_TERMINAL)
    for response in (client.get(LOCKED), client.post(reverse("unlock_account", args=[lockout.pk]))):
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)
    assert AccessAttempt.objects.filter(pk=lockout.pk).exists()


def test_unlocking_takes_a_post(supervisor_client, desk):
    lockout = lock_out("desk", MAIN_TERMINAL)
    assert supervisor_client.get(reverse("unlock_account", args=[lockout.pk])).status_code == 405
    assert AccessAttempt.objects.filter(pk=lockout.pk).exists()


def test_unlocking_needs_the_forms_csrf_token(supervisor, desk):
    lockout = lock_out("desk", MAIN_TERMINAL)
    client = Client(enforce_csrf_checks=True)
    client.force_login(supervisor)
    assert client.post(reverse("unlock_account", args=[lockout.pk])).status_code == 403
    assert AccessAttempt.objects.filter(pk=lockout.pk).exists()


def test_the_locked_out_page_says_who_can_unlock_it(desk):
    lock_out("desk", MAIN_TERMINAL)
    html = sign_in("desk", "demo", MAIN_TERMINAL).content.decode()
    assert "Ask a supervisor or IT to unlock it now" in html


def test_the_menu_offers_locked_sign_ins_to_those_who_may_unlock(supervisor_client, itadmin_client, desk_client):
    assert 'href="/accounts/locked/"' in supervisor_client.get(LOCKED).content.decode()
    assert 'href="/accounts/locked/"' in itadmin_client.get(LOCKED).content.decode()
    assert 'href="/accounts/locked/"' not in desk_client.get(reverse("password_change")).content.decode()


def test_a_supervisor_cannot_unlock_the_directors_account(supervisor_client, director_client, director):
    lockout = lock_out("director", MAIN_TERMINAL)
    assert "director" not in supervisor_client.get(LOCKED).content.decode()
    assert supervisor_client.post(reverse("unlock_account", args=[lockout.pk])).status_code == 404
    assert sign_in("director", "demo", MAIN_TERMINAL).status_code == 429
    unlock(director_client, lockout)
    assert sign_in("director", "demo", MAIN_TERMINAL).status_code == 302
