"""The Administrator's changes in the admin: each recorded with what changed; a service
point that has records keeps its branch; the "view on site" shortcut says nothing about
records that hold content; deleting a sign-in lockout is recorded as unlocking is."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from interactions.tests.factories import InteractionFactory
from patrons.tests.factories import PatronFactory
from staff.models import AccessRecord, Branch, ServicePoint

Action = AccessRecord.Action


def move(client, point, branch):
    return client.post(
        reverse("admin:staff_servicepoint_change", args=[point.pk]),
        {"branch": branch.pk, "name": point.name, "kind": point.kind, "is_active": "on"},
    )


def test_a_service_point_with_interactions_cannot_move_to_another_branch(
    itadmin_client, reference_desk, east_branch, main_branch
):
    InteractionFactory(service_point=reference_desk)
    response = move(itadmin_client, reference_desk, east_branch)
    assert response.status_code == 200
    assert "Reference desk cannot move to another branch: it has interactions" in response.content.decode()
    reference_desk.refresh_from_db()
    assert reference_desk.branch == main_branch
    assert not AccessRecord.objects.filter(action=Action.SETUP_CHANGE).exists()


def test_a_service_point_without_records_moves_and_the_move_is_recorded(itadmin_client, itadmin, reference_desk, east_branch):
    assert move(itadmin_client, reference_desk, east_branch).status_code == 302
    reference_desk.refresh_from_db()
    assert reference_desk.branch == east_branch
    entry = AccessRecord.objects.get(action=Action.SETUP_CHANGE)
    assert (entry.actor, entry.record_type, entry.record_id) == (itadmin, "servicepoint", reference_desk.pk)
    assert entry.detail == f"changed service point {reference_desk}: Branch"


def test_adding_a_branch_is_recorded(itadmin_client, itadmin):
    assert itadmin_client.post(
        reverse("admin:staff_branch_add"),
        {
            "name": "Westside", "code": "west", "service_points-TOTAL_FORMS": "0", "service_points-INITIAL_FORMS": "0",
            "opening_hours-TOTAL_FORMS": "0", "opening_hours-INITIAL_FORMS": "0",
        },
    ).status_code == 302
    entry = AccessRecord.objects.get(action=Action.SETUP_CHANGE, actor=itadmin)
    assert (entry.record_type, entry.record_id) == ("branch", Branch.objects.get(code="west").pk)
    assert entry.detail == "added branch Westside"


def test_changing_and_deleting_a_role_is_recorded(admin_client, admin_user):
    """Roles (groups) are the emergency superuser's to change: the Administrator only views them."""
    role = Group.objects.create(name="Volunteer")
    assert admin_client.post(reverse("admin:auth_group_change", args=[role.pk]), {"name": "Volunteers"}).status_code == 302
    assert admin_client.post(reverse("admin:auth_group_delete", args=[role.pk]), {"post": "yes"}).status_code == 302
    entries = AccessRecord.objects.filter(action=Action.ROLE_CHANGE, actor=admin_user, record_type="group")
    assert list(entries.order_by("pk").values_list("detail", flat=True)) == [
        "changed group Volunteers: Name",
        "deleted group Volunteers",
    ]


def test_an_account_change_in_the_admin_says_which_fields(itadmin_client, itadmin, desk):
    from staff.tests.test_role_grants import change_form

    data = {**change_form(desk, roles_wanted=["Desk staff"]), "first_name": "Renamed"}
    assert itadmin_client.post(reverse("admin:auth_user_change", args=[desk.pk]), data).status_code == 302
    entry = AccessRecord.objects.get(action=Action.ACCOUNT_CHANGE, actor=itadmin)
    assert entry.record_id == desk.pk
    assert entry.detail.startswith("changed user desk: First name")  # and the date joined, as the form sent it


@pytest.mark.parametrize("model", ["patron", "interaction"])
def test_view_on_site_says_nothing_about_records_that_hold_content(itadmin_client, reference_desk, main_branch, model):
    record = PatronFactory(home_branch=main_branch) if model == "patron" else InteractionFactory(service_point=reference_desk)
    content_type = ContentType.objects.get_for_model(record)
    existing = itadmin_client.get(reverse("admin:view_on_site", args=[content_type.pk, record.pk]))
    missing = itadmin_client.get(reverse("admin:view_on_site", args=[content_type.pk, record.pk + 1000]))
    assert existing.status_code == missing.status_code == 404
    assert str(existing.context["exception"]) == str(missing.context["exception"]) == "Nothing here."


def test_view_on_site_still_answers_for_the_admins_own_models(itadmin_client, main_branch):
    content_type = ContentType.objects.get_for_model(ServicePoint)
    response = itadmin_client.get(reverse("admin:view_on_site", args=[content_type.pk, 999]))
    assert response.status_code == 404
    assert "exist" in str(response.context["exception"])  # Django's own answer: it looked the id up


def test_deleting_a_sign_in_lockout_in_the_admin_is_recorded_as_unlocking(itadmin_client, itadmin, desk):
    attempt = AccessAttempt.objects.create(username="desk", ip_address="10.0.0.5", user_agent="", failures_since_start=5)
    response = itadmin_client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    entry = AccessRecord.objects.get(action=Action.ACCOUNT_CHANGE, actor=itadmin)
    assert (entry.record_id, entry.detail) == (desk.pk, "unlocked sign-in at 10.0.0.5 (in the admin)")


def test_deleting_lockouts_in_bulk_records_each(itadmin_client, itadmin, desk):
    for address in ("10.0.0.5", "10.0.0.6"):
        AccessAttempt.objects.create(username="desk", ip_address=address, user_agent="", failures_since_start=5)
    response = itadmin_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True)), "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert AccessRecord.objects.filter(action=Action.ACCOUNT_CHANGE, actor=itadmin, record_id=desk.pk).count() == 2
