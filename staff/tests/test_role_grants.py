"""Roles through the admin (roles.md): never to one's own account; Supervisor and Director
only once a Director who did not ask confirms them on the app's grants page (four eyes);
Desk staff at once; taking a role away at once. Each step in the access record."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from staff import roles, services
from staff.models import AccessRecord, RoleGrant
from staff.tests.factories import UserFactory

ROLE_CHANGE = AccessRecord.Action.ROLE_CHANGE


def role(name):
    return Group.objects.get(name=name)


def change_form(account, *, roles_wanted):
    """The admin's change form of `account`, as sent with these roles ticked."""
    profile = account.profile
    return {
        "username": account.username,
        "first_name": account.first_name,
        "last_name": account.last_name,
        "email": account.email,
        "is_active": "on",
        "is_staff": "on" if account.is_staff else "",
        "groups": [role(name).pk for name in roles_wanted],
        "profile-TOTAL_FORMS": "1",
        "profile-INITIAL_FORMS": "1",
        "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1",
        "profile-0-id": profile.pk,
        "profile-0-user": account.pk,
        "profile-0-branches": list(profile.branches.values_list("pk", flat=True)),
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
    }


def post_roles(client, account, *roles_wanted):
    return client.post(reverse("admin:auth_user_change", args=[account.pk]), change_form(account, roles_wanted=roles_wanted))


def details(account):
    """What the access record says changed in the account's roles (not the fixtures' own roles,
    given with no one signed in)."""
    entries = AccessRecord.objects.filter(action=ROLE_CHANGE, record_id=account.pk, actor__isnull=False)
    return list(entries.order_by("pk").values_list("detail", flat=True))


def role_names(account):
    return set(account.groups.values_list("name", flat=True))


@pytest.mark.parametrize("wanted", [roles.DIRECTOR, roles.SUPERVISOR, roles.DESK])
def test_the_administrator_cannot_grant_a_role_to_their_own_account(itadmin_client, itadmin, wanted):
    response = post_roles(itadmin_client, itadmin, roles.ADMINISTRATOR, wanted)
    assert response.status_code == 200
    assert "Nobody grants a role to their own account" in response.content.decode()
    assert role_names(itadmin) == {roles.ADMINISTRATOR}
    assert not RoleGrant.objects.exists()


def test_the_rule_holds_below_the_admin_too(itadmin):
    with pytest.raises(PermissionDenied):
        services.role_grant(by=itadmin, account=itadmin, role=role(roles.DIRECTOR))
    assert role_names(itadmin) == {roles.ADMINISTRATOR}


def test_a_supervisor_grant_waits_for_a_director_who_is_told(
    itadmin_client, itadmin, desk, director, mailoutbox, django_capture_on_commit_callbacks
):
    director.email = "director@library.example"
    director.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_roles(itadmin_client, desk, roles.DESK, roles.SUPERVISOR)
    assert response.status_code == 302
    assert role_names(desk) == {roles.DESK}
    grant = RoleGrant.objects.get()
    assert (grant.user, grant.role.name, grant.asked_by, grant.status) == (desk, roles.SUPERVISOR, itadmin, "pending")
    assert details(desk) == ["granted Supervisor — pending the Director"]
    [mail] = mailoutbox
    assert mail.to == ["director@library.example"]
    assert reverse("role_grants") in mail.body


def test_desk_staff_is_granted_at_once_and_a_role_is_taken_away_at_once(itadmin_client, desk2, supervisor):
    assert post_roles(itadmin_client, desk2, roles.DESK, roles.ADMINISTRATOR).status_code == 302
    assert role_names(desk2) == {roles.DESK, roles.ADMINISTRATOR}
    assert post_roles(itadmin_client, supervisor, roles.DESK).status_code == 302
    assert role_names(supervisor) == {roles.DESK}
    assert details(desk2)[-1] == "granted Administrator"
    assert details(supervisor)[-1] == "removed Supervisor"
    assert not RoleGrant.objects.exists()


@pytest.fixture
def pending(itadmin, desk):
    return services.role_grant(by=itadmin, account=desk, role=role(roles.SUPERVISOR))


def decide(client, grant, decision):
    return client.post(reverse("role_grant_decide", args=[grant.pk]), {"decision": decision})


def test_the_director_sees_the_pending_grant_and_confirms_it(director_client, director, pending, desk):
    html = director_client.get(reverse("role_grants")).content.decode()
    assert 'id="pending-role-grants">1<' in html
    assert desk.username in html and "Supervisor" in html
    assert decide(director_client, pending, "confirm").status_code == 302
    pending.refresh_from_db()
    assert (pending.status, pending.decided_by) == ("confirmed", director)
    assert role_names(desk) == {roles.DESK, roles.SUPERVISOR}
    assert f"Supervisor confirmed by {director.get_full_name()}" in details(desk)
    assert "granted Supervisor" in details(desk)
    assert 'id="pending-role-grants"' not in director_client.get(reverse("role_grants")).content.decode()


def test_the_director_refuses_a_grant(director_client, director, pending, desk):
    assert decide(director_client, pending, "refuse").status_code == 302
    pending.refresh_from_db()
    assert (pending.status, pending.decided_by) == ("refused", director)
    assert role_names(desk) == {roles.DESK}
    assert details(desk)[-1] == f"Supervisor refused by {director.get_full_name()}"


def test_the_director_cannot_confirm_a_grant_for_their_own_account(director_client, director, itadmin):
    grant = services.role_grant(by=itadmin, account=director, role=role(roles.SUPERVISOR))
    assert "Another Director decides this one." in director_client.get(reverse("role_grants")).content.decode()
    assert decide(director_client, grant, "confirm").status_code == 403
    grant.refresh_from_db()
    assert grant.status == "pending"
    assert role_names(director) == {roles.DIRECTOR}


def test_a_director_cannot_confirm_a_grant_they_asked_for(director, desk, main_branch):
    grant = services.role_grant(by=director, account=desk, role=role(roles.DIRECTOR))
    with pytest.raises(PermissionDenied):
        services.role_grant_confirm(grant=grant, by=director)
    other = UserFactory(username="director2", roles=[roles.DIRECTOR], branches=[main_branch])
    services.role_grant_confirm(grant=grant, by=other)
    assert role_names(desk) == {roles.DESK, roles.DIRECTOR}


@pytest.mark.parametrize("persona", ["desk_client", "supervisor_client", "itadmin_client"])
def test_only_a_director_opens_the_grants_page_or_decides(request, persona, pending, desk):
    client = request.getfixturevalue(persona)
    assert client.get(reverse("role_grants")).status_code == 403
    assert decide(client, pending, "confirm").status_code == 403
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert role_names(desk) == {roles.DESK}


def test_a_decided_grant_is_not_decided_again(director_client, pending):
    decide(director_client, pending, "refuse")
    assert decide(director_client, pending, "confirm").status_code == 404
    pending.refresh_from_db()
    assert pending.status == "refused"


def test_a_decision_must_be_confirm_or_refuse(director_client, pending):
    assert decide(director_client, pending, "maybe").status_code == 422
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_only_directors_see_the_count_in_the_header(supervisor_client, pending):
    assert 'id="pending-role-grants"' not in supervisor_client.get(reverse("access_record")).content.decode()
