"""roles.md: desk staff see a patron's registration details "updating with the patron present
(their card scanned or typed; read is recorded)"; supervisors for their own branch, "other
branches as desk staff"; the Director all. The update page asks for the card first."""

import datetime

import time
from types import SimpleNamespace

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from patrons import presence
from patrons.models import Patron
from patrons.tests.test_edit import as_posted, edit_url, opened
from staff import roles
from staff.models import AccessRecord
from staff.tests.factories import UserFactory

SECRETS = ("zoe.private@example.org", "555-010-4242", "Hidden Lane", "1985-03-09")
PROMPT = "Scan or type the patron's card to open their details"


@pytest.fixture
def zoe(zoe):
    zoe.birth_date = datetime.date(1985, 3, 9)
    zoe.save()
    return zoe


@pytest.fixture
def east_supervisor_client(east_branch):
    client = Client()
    client.force_login(UserFactory(username="eastsup", roles=[roles.SUPERVISOR, roles.DESK], branches=[east_branch]))
    return client


def reads(patron) -> list[AccessRecord]:
    return list(AccessRecord.objects.filter(action=AccessRecord.Action.READ_PATRON_DETAILS, record_id=patron.pk))


def assert_card_prompt(response, patron):
    html = response.content.decode()
    for secret in SECRETS:
        assert secret not in html
    assert patron.card_number not in html
    assert patron.full_name in html and patron.get_status_display() in html
    assert PROMPT in html
    assert '<label for="id_presented_card"' in html and "autofocus" in html
    assert "Save changes" not in html


@pytest.mark.parametrize("persona", ["desk_client", "eastdesk_client", "east_supervisor_client"])
def test_without_the_card_the_edit_page_asks_for_it_and_shows_no_details(request, persona, zoe):
    response = request.getfixturevalue(persona).get(edit_url(zoe))
    assert response.status_code == 200
    assert_card_prompt(response, zoe)
    assert reads(zoe) == []


@pytest.mark.parametrize("persona", ["desk_client", "eastdesk_client", "east_supervisor_client"])
def test_the_patrons_card_opens_the_details_and_the_read_is_recorded(request, persona, zoe):
    response = opened(request.getfixturevalue(persona), zoe)
    html = response.content.decode()
    assert response.status_code == 200
    for secret in SECRETS:
        assert secret in html
    assert "Save changes" in html
    [entry] = reads(zoe)
    assert entry.branch_id == zoe.home_branch_id


def test_the_card_as_printed_in_groups_opens_the_details(desk_client, zoe):
    assert "Hidden Lane" in opened(desk_client, zoe, card=" 3000 0000 0000 42 ").content.decode()


def test_a_wrong_card_is_refused_keeps_what_was_typed_and_shows_nothing(desk_client, zoe):
    response = opened(desk_client, zoe, card="30000000000043")
    html = response.content.decode()
    assert response.status_code == 422
    assert "That is not Zoë Quist&#x27;s card number" in html
    assert 'value="30000000000043"' in html
    for secret in SECRETS:
        assert secret not in html
    assert zoe.card_number not in html
    assert reads(zoe) == []


def test_an_empty_card_says_what_to_do(desk_client, zoe):
    response = opened(desk_client, zoe, card="")
    assert response.status_code == 422
    assert "Scan or type the patron&#x27;s card number to open their details." in response.content.decode()


def test_the_supervisor_of_the_home_branch_sees_the_details_at_once_recorded(supervisor_client, zoe):
    html = supervisor_client.get(edit_url(zoe)).content.decode()
    for secret in SECRETS:
        assert secret in html
    assert len(reads(zoe)) == 1


def test_the_director_sees_the_details_at_once_recorded(director_client, east_branch, zoe):
    zoe.home_branch = east_branch
    zoe.save()
    html = director_client.get(edit_url(zoe)).content.decode()
    for secret in SECRETS:
        assert secret in html
    assert len(reads(zoe)) == 1


def test_the_supervisor_saves_without_the_card(supervisor_client, zoe):
    response = supervisor_client.post(edit_url(zoe), as_posted(supervisor_client.get(edit_url(zoe)), phone="555-010-5555"))
    assert response.status_code == 302
    assert Patron.objects.get(pk=zoe.pk).phone == "555-010-5555"


def test_saving_after_the_scan_needs_no_second_scan(desk_client, zoe):
    response = desk_client.post(edit_url(zoe), as_posted(opened(desk_client, zoe), phone="555-010-5555"))
    assert response.status_code == 302
    assert Patron.objects.get(pk=zoe.pk).phone == "555-010-5555"
    assert len(reads(zoe)) == 1


def test_the_two_tab_conflict_after_the_scan_keeps_the_proof_and_the_version_check(desk_client, desk2_client, zoe):
    first, second = opened(desk_client, zoe), opened(desk2_client, zoe)
    assert desk_client.post(edit_url(zoe), as_posted(first, phone="555-010-1111")).status_code == 302
    conflict = desk2_client.post(edit_url(zoe), as_posted(second, phone="555-010-2222"))
    assert conflict.status_code == 409
    assert Patron.objects.get(pk=zoe.pk).phone == "555-010-1111"
    again = desk2_client.post(edit_url(zoe), as_posted(conflict, phone="555-010-2222"))
    assert again.status_code == 302
    assert Patron.objects.get(pk=zoe.pk).phone == "555-010-2222"


def assert_refused(response, zoe):
    html = response.content.decode()
    assert response.status_code == 403
    assert "Nothing was saved." in html
    assert_card_prompt(response, zoe)
    assert Patron.objects.get(pk=zoe.pk).phone == "555-010-4242"


def test_an_update_without_the_proof_is_refused(desk_client, zoe):
    data = as_posted(opened(desk_client, zoe), phone="555-010-6666")
    del data["presence"]
    assert_refused(desk_client.post(edit_url(zoe), data), zoe)


def test_a_forged_proof_is_refused(desk_client, desk, zoe):
    data = as_posted(opened(desk_client, zoe), phone="555-010-6666")
    forged = signing.dumps({"patron": zoe.pk, "by": desk.pk}, salt="not the app's salt")
    assert_refused(desk_client.post(edit_url(zoe), {**data, "presence": forged}), zoe)
    assert_refused(desk_client.post(edit_url(zoe), {**data, "presence": data["presence"][:-2] + "xx"}), zoe)


def test_an_expired_proof_is_refused(desk_client, zoe, monkeypatch):
    data = as_posted(opened(desk_client, zoe), phone="555-010-6666")
    later = time.time() + presence.PRESENT_FOR.total_seconds() + 5
    # Only the signatures' clock moves on: the session's stays.
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: later))
    assert_refused(desk_client.post(edit_url(zoe), data), zoe)


def test_a_proof_is_for_its_patron_and_its_staff_member_only(desk_client, desk2_client, zoe):
    from patrons.tests.factories import PatronFactory

    other = PatronFactory(home_branch=zoe.home_branch, card_number="30000000000099")
    proof = as_posted(opened(desk_client, other))["presence"]
    assert_refused(desk_client.post(edit_url(zoe), {**as_posted(opened(desk_client, zoe)), "presence": proof, "phone": "555-010-6666"}), zoe)
    colleagues = as_posted(opened(desk_client, zoe), phone="555-010-6666")
    assert_refused(desk2_client.post(edit_url(zoe), colleagues), zoe)


def test_the_patron_page_gives_away_only_the_end_of_the_card_number(desk_client, supervisor_client, zoe):
    assert zoe.card_number not in desk_client.get(reverse("patrons:detail", args=[zoe.pk])).content.decode()
    assert zoe.card_number in supervisor_client.get(reverse("patrons:detail", args=[zoe.pk])).content.decode()


def test_the_administrator_is_refused_with_or_without_the_card(itadmin_client, zoe):
    assert itadmin_client.get(edit_url(zoe)).status_code == 403
    assert opened(itadmin_client, zoe).status_code == 403
    assert reads(zoe) == []
