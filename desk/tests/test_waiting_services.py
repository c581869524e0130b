"""The waiting list's services: every step, and every refusal (someone else got there first,
a person outside the branch, bad input), and its retention."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from desk.models import WaitingPatron
from desk.services import waiting as services
from desk.tests.factories_waiting import WaitingPatronFactory
from servicedesk.lib.retention import REMOVED, text_fields
from servicedesk.lib.workflow import EditConflict

Status = WaitingPatron.Status


@pytest.fixture
def entry(circulation_desk, desk):
    return WaitingPatronFactory(service_point=circulation_desk, added_by=desk, label="Sam")


def test_adding_stamps_the_branch_the_time_and_who(circulation_desk, desk):
    entry = services.waiting_add(service_point=circulation_desk, label="  man in a red coat ", by=desk)
    entry.refresh_from_db()
    assert (entry.label, entry.status, entry.branch_id, entry.added_by) == (
        "man in a red coat", Status.WAITING, circulation_desk.branch_id, desk
    )
    assert timezone.now() - entry.added_at < datetime.timedelta(seconds=5)
    assert entry.acknowledged_at is None and entry.ended_at is None


@pytest.mark.parametrize("label", ["", "   ", "x" * 61])
def test_a_label_is_required_and_short(circulation_desk, desk, label):
    with pytest.raises(ValidationError) as error:
        services.waiting_add(service_point=circulation_desk, label=label, by=desk)
    assert "label" in error.value.message_dict
    assert not WaitingPatron.objects.exists()


def test_staff_of_another_branch_cannot_add_to_its_list(circulation_desk, eastdesk):
    with pytest.raises(PermissionDenied):
        services.waiting_add(service_point=circulation_desk, label="Sam", by=eastdesk)


def test_the_administrator_cannot_add(circulation_desk, itadmin):
    with pytest.raises(PermissionDenied):
        services.waiting_add(service_point=circulation_desk, label="Sam", by=itadmin)


def test_acknowledging_says_when_and_who_and_keeps_them_waiting(entry, desk2):
    services.waiting_acknowledge(entry=entry, by=desk2)
    entry.refresh_from_db()
    assert entry.status == Status.WAITING
    assert entry.acknowledged_by == desk2
    assert timezone.now() - entry.acknowledged_at < datetime.timedelta(seconds=5)


def test_a_second_acknowledgment_says_who_gave_the_first(entry, desk, desk2):
    desk.first_name, desk.last_name = "Maya", "Okafor"
    desk.save()
    services.waiting_acknowledge(entry=entry, by=desk)
    with pytest.raises(ValidationError, match="Maya Okafor already acknowledged Sam at"):
        services.waiting_acknowledge(entry=WaitingPatron.objects.get(pk=entry.pk), by=desk2)


def test_serving_takes_them_off_the_list(entry, desk2):
    services.waiting_serve(entry=entry, by=desk2)
    entry.refresh_from_db()
    assert (entry.status, entry.ended_by) == (Status.SERVED, desk2)
    assert entry.ended_at >= entry.added_at


def test_serving_without_acknowledging_first_is_fine(entry, desk):
    services.waiting_serve(entry=entry, by=desk)
    assert WaitingPatron.objects.get(pk=entry.pk).acknowledged_at is None


def test_gone_without_being_served(entry, desk):
    services.waiting_left(entry=entry, by=desk)
    entry.refresh_from_db()
    assert (entry.status, entry.ended_by) == (Status.LEFT, desk)


@pytest.mark.parametrize("first", [services.waiting_serve, services.waiting_left])
@pytest.mark.parametrize("then", [services.waiting_serve, services.waiting_left, services.waiting_acknowledge])
def test_a_patron_no_longer_waiting_is_refused_with_who_and_when(entry, desk, desk2, first, then):
    desk.first_name, desk.last_name = "Maya", "Okafor"
    desk.save()
    first(entry=entry, by=desk)
    # desk2's page still showed them waiting.
    stale = WaitingPatron.objects.get(pk=entry.pk)
    what = "served them" if first is services.waiting_serve else "marked them as gone"
    with pytest.raises(ValidationError, match=f"Sam is no longer waiting: Maya Okafor {what} at"):
        then(entry=stale, by=desk2)


def test_a_step_taken_at_the_same_moment_as_another_is_refused(entry, desk, desk2):
    """Both read the patron waiting; the second write finds the version moved on."""
    mine = WaitingPatron.objects.get(pk=entry.pk)
    services.waiting_serve(entry=entry, by=desk)
    with pytest.raises(EditConflict):
        services.waiting_left(entry=mine, by=desk2)
    assert WaitingPatron.objects.get(pk=entry.pk).status == Status.SERVED


@pytest.mark.parametrize("step", [services.waiting_acknowledge, services.waiting_serve, services.waiting_left])
def test_staff_of_another_branch_are_refused_every_step(entry, eastdesk, step):
    with pytest.raises(PermissionDenied):
        step(entry=entry, by=eastdesk)
    assert WaitingPatron.objects.get(pk=entry.pk).status == Status.WAITING


def test_the_director_keeps_any_branchs_list(east_desk, director):
    entry = services.waiting_add(service_point=east_desk, label="Ana", by=director)
    services.waiting_serve(entry=entry, by=director)
    assert entry.status == Status.SERVED


# Retention ---------------------------------------------------------------------------------

def test_the_label_is_the_only_free_text_and_it_is_cleared():
    assert text_fields(WaitingPatron, keep=services.KEEP[WaitingPatron]) == ["label"]


def test_old_entries_lose_their_label_and_keep_their_times(circulation_desk, desk):
    old = WaitingPatronFactory(
        service_point=circulation_desk, added_by=desk, label="Sam",
        added_at=timezone.now() - datetime.timedelta(days=100),
    )
    services.waiting_serve(entry=old, by=desk)
    recent = WaitingPatronFactory(service_point=circulation_desk, added_by=desk, label="Ana")
    assert services.waiting_deidentify(before=timezone.now() - datetime.timedelta(days=90)) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.label, old.status, old.ended_by) == (REMOVED, Status.SERVED, desk)
    assert old.deidentified_at is not None
    assert recent.label == "Ana" and recent.deidentified_at is None
    assert services.waiting_deidentify(before=timezone.now() - datetime.timedelta(days=90)) == 0
