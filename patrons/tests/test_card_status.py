"""roles.md, "a patron's card status": desk staff mark lost, renew; a supervisor blocks or
lifts a block, "with a reason (own branch; recorded)"; the Director the same, all branches."""

import re

import pytest
from django.test import Client

from patrons.models import Patron
from patrons.tests.test_edit import as_posted, edit_url, opened
from patrons.tests.test_edit_presence import east_supervisor_client  # noqa: F401
from staff.models import AccessRecord

REASON = "Three unpaid replacement fees"


def status_records(patron) -> list[AccessRecord]:
    return list(AccessRecord.objects.filter(action=AccessRecord.Action.PATRON_STATUS, record_id=patron.pk))


def form_page(client: Client, patron):
    """The update form as this person gets it: supervisors of the home branch and the Director
    straight away, everyone else once the patron's card is presented."""
    page = client.get(edit_url(patron))
    return page if "form" in (page.context or {}) else opened(client, patron)


def offered(response) -> list[str]:
    return [value for value, _ in response.context["form"].fields["status"].widget.choices]


@pytest.mark.parametrize("start, to", [("active", "lost"), ("expired", "active"), ("lost", "active")])
def test_desk_staff_mark_a_card_lost_and_renew_it(desk_client, desk, zoe, start, to):
    Patron.objects.filter(pk=zoe.pk).update(status=start)
    zoe.refresh_from_db()
    response = desk_client.post(edit_url(zoe), as_posted(opened(desk_client, zoe), status=to))
    assert response.status_code == 302
    zoe.refresh_from_db()
    assert zoe.status == to and zoe.status_changed_by == desk and zoe.status_changed_at is not None
    assert zoe.status_reason == "" and status_records(zoe) == []


def test_desk_staff_are_not_offered_blocked_nor_a_reason(desk_client, zoe):
    page = opened(desk_client, zoe)
    assert offered(page) == ["active", "expired", "lost"]
    assert "status_reason" not in page.context["form"].fields


def test_a_blocked_card_shows_its_status_to_desk_staff_and_only_that(desk_client, zoe):
    Patron.objects.filter(pk=zoe.pk).update(status="blocked")
    zoe.refresh_from_db()
    page = opened(desk_client, zoe)
    assert offered(page) == ["blocked"]
    response = desk_client.post(edit_url(zoe), as_posted(page, phone="555-010-7777"))
    assert response.status_code == 302  # the rest of the form still saves
    zoe.refresh_from_db()
    assert zoe.status == "blocked" and zoe.phone == "555-010-7777"


@pytest.mark.parametrize("persona", ["desk_client", "east_supervisor_client"])
def test_who_does_not_supervise_the_home_branch_cannot_block_and_nothing_is_saved(request, persona, zoe):
    client = request.getfixturevalue(persona)
    data = as_posted(opened(client, zoe), status="blocked", phone="555-010-8888")
    response = client.post(edit_url(zoe), data)
    html = response.content.decode()
    assert response.status_code == 422
    assert "Ask a supervisor of Main to block a card." in html
    assert 'value="555-010-8888"' in html  # what was typed is kept
    assert '<option value="blocked" selected>' in html
    zoe.refresh_from_db()
    assert zoe.status == "active" and zoe.phone == "555-010-4242" and zoe.version == 1
    assert status_records(zoe) == []


def test_desk_staff_cannot_lift_a_block(desk_client, zoe):
    Patron.objects.filter(pk=zoe.pk).update(status="blocked")
    zoe.refresh_from_db()
    response = desk_client.post(edit_url(zoe), as_posted(opened(desk_client, zoe), status="active"))
    assert "Ask a supervisor of Main to lift a block." in response.content.decode()
    zoe.refresh_from_db()
    assert zoe.status == "blocked"


@pytest.mark.parametrize("persona", ["supervisor", "director"])
def test_a_supervisor_of_the_home_branch_or_the_director_blocks_with_a_reason(request, persona, zoe):
    user = request.getfixturevalue(persona)
    client = request.getfixturevalue(f"{persona}_client")
    page = form_page(client, zoe)
    assert offered(page) == ["active", "expired", "lost", "blocked"]
    assert re.search(r'<label\s+for="id_status_reason"', page.content.decode())
    response = client.post(edit_url(zoe), as_posted(page, status="blocked", status_reason=f"  {REASON} "))
    assert response.status_code == 302
    zoe.refresh_from_db()
    assert zoe.status == "blocked" and zoe.status_reason == REASON and zoe.status_changed_by == user
    [entry] = status_records(zoe)
    assert (entry.actor, entry.branch_id, entry.detail, entry.record_type) == (user, zoe.home_branch_id, "blocked", "patron")
    assert REASON not in entry.detail
    assert REASON in client.get(response["Location"]).content.decode()  # with the patron's details


def test_a_block_without_a_reason_is_refused(supervisor_client, zoe):
    response = supervisor_client.post(edit_url(zoe), as_posted(form_page(supervisor_client, zoe), status="blocked"))
    assert response.status_code == 422
    assert "Say why you are blocking the card, in a few words." in response.content.decode()
    zoe.refresh_from_db()
    assert zoe.status == "active" and status_records(zoe) == []


@pytest.mark.parametrize("persona", ["supervisor", "director"])
def test_lifting_a_block_takes_a_reason_and_is_recorded(request, persona, zoe):
    Patron.objects.filter(pk=zoe.pk).update(status="blocked", status_reason=REASON)
    zoe.refresh_from_db()
    client = request.getfixturevalue(f"{persona}_client")
    page = form_page(client, zoe)
    refused = client.post(edit_url(zoe), as_posted(page, status="active"))
    assert "Say why you are lifting the block, in a few words." in refused.content.decode()
    zoe.refresh_from_db()
    assert zoe.status == "blocked"

    response = client.post(edit_url(zoe), as_posted(page, status="active", status_reason="Fees paid"))
    assert response.status_code == 302
    zoe.refresh_from_db()
    assert zoe.status == "active" and zoe.status_reason == "Fees paid"
    [entry] = status_records(zoe)
    assert entry.detail == "block lifted"


def test_a_new_card_cannot_start_blocked(desk_client, main_branch):
    from patrons.tests.conftest import registration_data

    response = desk_client.post("/patrons/new/", registration_data(main_branch, status="blocked"))
    assert response.status_code == 422
    assert "A new card cannot start blocked" in response.content.decode()
    assert not Patron.objects.exists()
