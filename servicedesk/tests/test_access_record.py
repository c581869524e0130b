import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from interactions.tests.factories import InteractionFactory
from patrons.tests.factories import PatronFactory
from staff.access import access_records_visible_to
from staff.models import AccessRecord
from staff.tests.factories import ServicePointFactory

READ = AccessRecord.Action


@pytest.fixture
def note(desk, reference_desk):
    return InteractionFactory(service_point=reference_desk, staff=desk, note="Asked about bankruptcy")


def entries(action):
    return list(AccessRecord.objects.filter(action=action))


def test_a_supervisor_reading_a_note_adds_exactly_one_entry_without_content(supervisor_client, supervisor, note):
    supervisor_client.get(reverse("interactions:detail", args=[note.pk]))
    [entry] = entries(READ.READ_CONFIDENTIAL)
    assert (entry.actor, entry.record_type, entry.record_id) == (supervisor, "interaction", note.pk)
    assert entry.branch_id == note.service_point.branch_id
    assert entry.page == reverse("interactions:detail", args=[note.pk])
    stored = " ".join(str(value) for value in AccessRecord.objects.filter(action=READ.READ_CONFIDENTIAL).values_list().get())
    assert "bankruptcy" not in stored


def test_the_author_reading_their_own_note_adds_nothing(desk_client, note):
    desk_client.get(reverse("interactions:detail", args=[note.pk]))
    assert entries(READ.READ_CONFIDENTIAL) == []


def test_a_colleague_who_sees_only_the_statistics_adds_nothing(desk2_client, note):
    desk2_client.get(reverse("interactions:detail", args=[note.pk]))
    assert entries(READ.READ_CONFIDENTIAL) == []


def test_an_attempt_outside_scope_is_recorded_and_answered_as_missing(eastdesk_client, eastdesk, note):
    assert eastdesk_client.get(reverse("interactions:detail", args=[note.pk])).status_code == 404
    assert eastdesk_client.get(reverse("interactions:detail", args=[note.pk + 1000])).status_code == 404
    [entry] = entries(READ.REFUSED)
    assert (entry.actor, entry.record_id) == (eastdesk, note.pk)


def test_registration_details_reads_are_recorded_where_they_are_shown(desk_client, supervisor_client, main_branch):
    patron = PatronFactory(home_branch=main_branch)
    desk_client.get(reverse("patrons:detail", args=[patron.pk]))
    assert entries(READ.READ_PATRON_DETAILS) == []  # the desk's patron page shows no details
    desk_client.get(reverse("patrons:edit", args=[patron.pk]))
    assert entries(READ.READ_PATRON_DETAILS) == []  # nor does the update page, before the card
    desk_client.post(reverse("patrons:edit", args=[patron.pk]), {"presented_card": patron.card_number})
    supervisor_client.get(reverse("patrons:detail", args=[patron.pk]))
    assert [entry.actor.username for entry in entries(READ.READ_PATRON_DETAILS)] == ["supervisor", "desk"]


def test_the_patron_page_tells_the_director_who_read_the_details(desk_client, director_client, main_branch):
    patron = PatronFactory(home_branch=main_branch)
    desk_client.post(reverse("patrons:edit", args=[patron.pk]), {"presented_card": patron.card_number})
    html = director_client.get(reverse("patrons:detail", args=[patron.pk])).content.decode()
    assert "Who has read these details" in html
    assert reverse("patrons:edit", args=[patron.pk]) in html


def test_desk_staff_do_not_see_who_read_a_patron(desk_client, main_branch):
    patron = PatronFactory(home_branch=main_branch)
    assert "Who has read these details" not in desk_client.get(reverse("patrons:detail", args=[patron.pk])).content.decode()


def test_sign_ins_are_recorded_successful_or_not(client, desk):
    client.post(reverse("login"), {"username": "desk", "password": "wrong"})
    client.post(reverse("login"), {"username": "nobody", "password": "x"})
    client.post(reverse("login"), {"username": "desk", "password": "demo"})
    failed = entries(READ.SIGN_IN_FAILED)
    assert sorted(entry.actor_username for entry in failed) == ["desk", "nobody"]
    assert all(entry.actor is None for entry in failed)
    assert [entry.actor for entry in entries(READ.SIGN_IN)] == [desk]


def test_role_and_account_changes_in_the_admin_are_recorded_with_who_made_them(itadmin_client, itadmin, desk, main_branch):
    from django.contrib.auth.models import Group

    url = reverse("admin:auth_user_change", args=[desk.pk])
    response = itadmin_client.post(
        url,
        {
            "username": "desk",
            "first_name": "Renamed",
            "is_active": "on",
            "groups": [Group.objects.get(name="Supervisor").pk],
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "1",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
            "profile-0-id": desk.profile.pk,
            "profile-0-user": desk.pk,
            "profile-0-branches": [main_branch.pk],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
        },
    )
    assert response.status_code == 302
    assert any(entry.actor == itadmin and entry.record_id == desk.pk for entry in entries(READ.ACCOUNT_CHANGE))
    assert any(entry.actor == itadmin and entry.record_id == desk.pk for entry in entries(READ.ROLE_CHANGE))


def test_entries_cannot_be_changed_or_deleted_through_the_app(supervisor_client, note):
    supervisor_client.get(reverse("interactions:detail", args=[note.pk]))
    entry = AccessRecord.objects.get(action=READ.READ_CONFIDENTIAL)
    entry.page = "/elsewhere/"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AccessRecord.objects.filter(pk=entry.pk).update(page="/elsewhere/")
    with pytest.raises(PermissionError):
        AccessRecord.objects.all().delete()


def test_who_sees_which_entries(
    supervisor_client, director, supervisor, desk, itadmin, east_branch, note, client
):
    east_point = ServicePointFactory(branch=east_branch)
    east_note = InteractionFactory(service_point=east_point, note="elsewhere")
    supervisor_client.get(reverse("interactions:detail", args=[note.pk]))
    from django.test import Client

    director_client = Client()
    director_client.force_login(director)
    director_client.get(reverse("interactions:detail", args=[east_note.pk]))
    reads = READ.READ_CONFIDENTIAL
    assert access_records_visible_to(director).filter(action=reads).count() == 2
    assert list(access_records_visible_to(supervisor).filter(action=reads).values_list("record_id", flat=True)) == [note.pk]
    assert not access_records_visible_to(itadmin).filter(action=reads).exists()
    assert access_records_visible_to(itadmin).filter(action=READ.SIGN_IN).exists()
    assert not access_records_visible_to(desk).exists()


def test_saving_an_update_records_only_the_read_of_the_form(desk_client, main_branch):
    from patrons.models import Patron

    patron = PatronFactory(home_branch=main_branch, card_number="21111111111111")
    opened = desk_client.post(reverse("patrons:edit", args=[patron.pk]), {"presented_card": patron.card_number})
    data = {
        "presence": opened.context["proof"],
        "card_number": patron.card_number,
        "first_name": "New",
        "last_name": patron.last_name,
        "home_branch": main_branch.pk,
        "status": "active",
        "preferred_language": "en",
        "version": patron.version,
    }
    assert desk_client.post(reverse("patrons:edit", args=[patron.pk]), data).status_code == 302
    assert Patron.objects.get(pk=patron.pk).first_name == "New"
    assert len(entries(READ.READ_PATRON_DETAILS)) == 1
