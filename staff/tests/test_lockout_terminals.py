"""A lock holds one account at one terminal, also behind the library's proxy, so nobody can
lock a colleague out of the library; repeated failures lengthen it, and it always ends."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

LOGIN = reverse("login")
PROXY = "10.9.0.1"
TERMINAL_1 = "192.168.4.21"
TERMINAL_2 = "192.168.4.22"


@pytest.fixture(autouse=True)
def behind_a_proxy(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.FORWARDED_ALLOW_IPS = [PROXY]


def through_proxy(username, password, terminal):
    """A sign-in from a terminal, as the proxy passes it on."""
    return Client().post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=terminal
    )


def lock(username, terminal):
    for _ in range(3):
        through_proxy(username, "wrong", terminal)


def let_time_pass(minutes):
    """As if the failures so far had been that many minutes earlier."""
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= datetime.timedelta(minutes=minutes, seconds=1)
        attempt.save()


def test_a_colleague_at_another_terminal_still_signs_in(desk, desk2):
    lock("desk", TERMINAL_1)
    assert through_proxy("desk", "demo", TERMINAL_1).status_code == 429
    assert through_proxy("desk", "demo", TERMINAL_2).status_code == 302
    assert through_proxy("desk2", "demo", TERMINAL_1).status_code == 302


def test_behind_the_proxy_every_terminal_is_its_own_and_none_is_the_proxys(desk):
    lock("desk", TERMINAL_1)
    assert AccessAttempt.objects.get().ip_address == TERMINAL_1
    assert through_proxy("desk", "demo", TERMINAL_2).status_code == 302


def test_an_untrusted_client_cannot_escape_its_lock_by_naming_another_address(desk):
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        Client().post(LOGIN, {"username": "desk", "password": "wrong"}, REMOTE_ADDR=TERMINAL_1, HTTP_X_FORWARDED_FOR=forged)
    response = Client().post(
        LOGIN, {"username": "desk", "password": "demo"}, REMOTE_ADDR=TERMINAL_1, HTTP_X_FORWARDED_FOR="4.4.4.4"
    )
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == TERMINAL_1


def test_each_further_failure_after_a_lock_locks_again_for_twice_as_long(desk):
    lock("desk", TERMINAL_1)
    assert "locked here for 15 minutes" in through_proxy("desk", "demo", TERMINAL_1).content.decode()
    let_time_pass(15)
    response = through_proxy("desk", "wrong", TERMINAL_1)
    assert response.status_code == 429
    assert "locked here for 30 minutes" in response.content.decode()
    let_time_pass(15)
    assert through_proxy("desk", "demo", TERMINAL_1).status_code == 429
    let_time_pass(15)
    assert "locked here for 60 minutes" in through_proxy("desk", "wrong", TERMINAL_1).content.decode()


def test_the_cool_off_stops_growing_at_its_cap(desk, settings):
    settings.SIGN_IN_COOL_OFF_MAX = datetime.timedelta(minutes=30)
    lock("desk", TERMINAL_1)
    for _ in range(3):
        let_time_pass(30)
        through_proxy("desk", "wrong", TERMINAL_1)
    assert "locked here for 30 minutes" in through_proxy("desk", "demo", TERMINAL_1).content.decode()
    let_time_pass(30)
    assert through_proxy("desk", "demo", TERMINAL_1).status_code == 302


def test_tries_during_a_lock_neither_count_nor_lengthen_it(desk):
    lock("desk", TERMINAL_1)
    for _ in range(3):
        through_proxy("desk", "demo", TERMINAL_1)
    assert sum(attempt.failures_since_start for attempt in AccessAttempt.objects.all()) == 3
    let_time_pass(15)
    assert through_proxy("desk", "demo", TERMINAL_1).status_code == 302


def test_the_locked_page_says_until_when(desk):
    lock("desk", TERMINAL_1)
    html = through_proxy("desk", "demo", TERMINAL_1).content.decode()
    assert "There were 3 failed sign-ins in a row" in html
    locked_until = AccessAttempt.objects.get().attempt_time + datetime.timedelta(minutes=15)
    assert f"until {locked_until:%H:%M}" in html


def test_a_lengthened_lock_is_listed_and_unlocked_until_it_ends(desk, supervisor_client):
    lock("desk", TERMINAL_1)
    let_time_pass(15)
    through_proxy("desk", "wrong", TERMINAL_1)
    let_time_pass(20)
    assert TERMINAL_1 in supervisor_client.get(reverse("locked_accounts")).content.decode()
    lockout = AccessAttempt.objects.get()
    supervisor_client.post(reverse("unlock_account", args=[lockout.pk]))
    assert through_proxy("desk", "demo", TERMINAL_1).status_code == 302


def test_a_lock_past_its_lengthened_cool_off_is_not_listed(desk, supervisor_client):
    lock("desk", TERMINAL_1)
    let_time_pass(15)
    through_proxy("desk", "wrong", TERMINAL_1)
    let_time_pass(30)
    assert TERMINAL_1 not in supervisor_client.get(reverse("locked_accounts")).content.decode()


def test_failures_are_forgotten_a_day_after_the_last_one(desk):
    through_proxy("desk", "wrong", TERMINAL_1)
    let_time_pass(24 * 60)
    through_proxy("desk2", "wrong", TERMINAL_2)
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["desk2"]
