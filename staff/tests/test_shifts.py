"""Choosing a service point signs on to a shift; signing off, signing out, choosing another
point and closing the desk end it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from staff.current import SESSION_KEY
from staff.models import Shift
from staff.shifts import shift_end, shift_start

CHOOSE = reverse("choose_service_point")
SIGN_OFF = reverse("desk:sign_off")


def choose(client, point):
    return client.post(CHOOSE, {"service_point": point.pk})


def test_choosing_a_service_point_starts_a_shift(desk_client, desk, reference_desk):
    assert choose(desk_client, reference_desk).status_code == 302
    shift = Shift.objects.get()
    assert (shift.user, shift.service_point, shift.ended_at) == (desk, reference_desk, None)


def test_choosing_the_same_point_again_keeps_the_shift(desk_client, reference_desk):
    choose(desk_client, reference_desk)
    choose(desk_client, reference_desk)
    assert Shift.objects.count() == 1


def test_choosing_another_point_ends_the_shift_and_starts_one_there(desk_client, reference_desk, circulation_desk):
    choose(desk_client, reference_desk)
    choose(desk_client, circulation_desk)
    first, second = Shift.objects.order_by("started_at", "pk")
    assert first.service_point == reference_desk and first.ended_at is not None
    assert second.service_point == circulation_desk and second.ended_at is None


def test_signing_off_ends_the_shift_and_forgets_the_point(desk_client, reference_desk):
    choose(desk_client, reference_desk)
    response = desk_client.post(SIGN_OFF, follow=True)
    assert "You signed off from Main — Reference desk." in response.content.decode()
    assert Shift.objects.get().ended_at is not None
    assert SESSION_KEY not in desk_client.session
    assert desk_client.get(reverse("interactions:desk")).status_code == 302


def test_signing_off_without_a_shift_changes_nothing(desk_client):
    assert desk_client.post(SIGN_OFF).status_code == 302
    assert not Shift.objects.exists()


def test_signing_off_is_a_post_for_staff_who_serve(desk_client, itadmin_client):
    assert desk_client.get(SIGN_OFF).status_code == 405
    assert itadmin_client.post(SIGN_OFF).status_code == 403


def test_signing_out_ends_the_shift(desk_client, reference_desk):
    choose(desk_client, reference_desk)
    desk_client.post(reverse("logout"))
    assert Shift.objects.get().ended_at is not None


def test_an_idle_sign_out_ends_the_shift(desk_client, reference_desk, settings):
    choose(desk_client, reference_desk)
    session = desk_client.session
    session["session_last_seen_at"] -= settings.SESSION_IDLE_MINUTES * 60 + 1
    session.save()
    desk_client.get(reverse("interactions:desk"))
    assert Shift.objects.get().ended_at is not None


def test_closing_the_desk_ends_the_shift(desk_client, reference_desk):
    choose(desk_client, reference_desk)
    response = desk_client.post(reverse("interactions:close_desk"))
    assert response["Location"] == CHOOSE
    assert Shift.objects.get().ended_at is not None


def test_a_shift_only_where_the_person_may_work(desk, east_desk, itadmin, reference_desk):
    with pytest.raises(PermissionDenied):
        shift_start(by=desk, service_point=east_desk)
    with pytest.raises(PermissionDenied):
        shift_start(by=itadmin, service_point=reference_desk)
    assert not Shift.objects.exists()


def test_a_shift_left_open_past_a_session_is_not_carried_on(desk, reference_desk, settings):
    long_ago = timezone.now() - datetime.timedelta(hours=settings.SESSION_MAX_HOURS + 3)
    stale, _ = shift_start(by=desk, service_point=reference_desk, at=long_ago)
    shift, new = shift_start(by=desk, service_point=reference_desk)
    assert new and shift != stale
    stale.refresh_from_db()
    assert stale.ended_at == long_ago + datetime.timedelta(hours=settings.SESSION_MAX_HOURS)


def test_shift_end_returns_the_ended_shift(desk, reference_desk):
    started, _ = shift_start(by=desk, service_point=reference_desk)
    assert shift_end(by=desk) == started
    assert shift_end(by=desk) is None
