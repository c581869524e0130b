"""The Administrator runs the system in the Django admin without reaching patron content."""

import pytest
from django.urls import NoReverseMatch, reverse

from staff.models import LibrarySettings


@pytest.mark.parametrize(
    "admin_page",
    [
        "admin:index",
        "admin:interactions_interactionkind_changelist",
        "admin:interactions_interactionkind_add",
        "admin:staff_branch_changelist",
        "admin:staff_servicepoint_changelist",
        "admin:auth_user_changelist",
        "admin:auth_user_add",
    ],
)
def test_the_administrator_manages_accounts_branches_and_kinds(itadmin_client, admin_page):
    assert itadmin_client.get(reverse(admin_page)).status_code == 200


@pytest.mark.parametrize("model", ["patrons_patron", "interactions_interaction"])
def test_patron_content_is_not_in_the_admin(model):
    with pytest.raises(NoReverseMatch):
        reverse(f"admin:{model}_changelist")


def test_desk_staff_cannot_open_the_admin(desk_client):
    response = desk_client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_administrator_cannot_make_anyone_a_superuser(itadmin_client, itadmin):
    url = reverse("admin:auth_user_change", args=[itadmin.pk])
    html = itadmin_client.get(url).content.decode()
    assert 'name="is_superuser"' not in html
    assert 'name="user_permissions"' not in html
    response = itadmin_client.post(
        url,
        {
            "username": "itadmin",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "1",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
            "profile-0-id": itadmin.profile.pk,
            "profile-0-user": itadmin.pk,
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
        },
    )
    assert response.status_code == 302  # saved: the posted is_superuser was ignored, not refused
    itadmin.refresh_from_db()
    assert not itadmin.is_superuser


def test_the_admin_links_to_the_access_record_and_locked_sign_ins(itadmin_client):
    html = itadmin_client.get(reverse("admin:index")).content.decode()
    assert f'href="{reverse("access_record")}"' in html
    assert f'href="{reverse("locked_accounts")}"' in html
    assert "View site" not in html


def test_the_administrator_keeps_the_opening_hours_on_the_branch_page(itadmin_client, main_branch):
    html = itadmin_client.get(reverse("admin:staff_branch_change", args=[main_branch.pk])).content.decode()
    assert 'name="opening_hours-TOTAL_FORMS"' in html
    assert "Add another Opening hours" in html


def test_the_administrator_keeps_the_letterhead_branches_addresses_and_job_titles(itadmin_client, main_branch, desk):
    """What letters are headed and signed with (feedback.services.notify.signature)."""
    branch = itadmin_client.get(reverse("admin:staff_branch_change", args=[main_branch.pk])).content.decode()
    assert 'name="full_name"' in branch and 'name="address"' in branch
    account = itadmin_client.get(reverse("admin:auth_user_change", args=[desk.pk])).content.decode()
    assert 'name="profile-0-job_title"' in account
    library = LibrarySettings.current()
    settings = itadmin_client.get(reverse("admin:staff_librarysettings_change", args=[library.pk])).content.decode()
    assert 'name="library_name"' in settings


def test_desk_staff_cannot_edit_the_letterhead(desk_client, main_branch):
    response = desk_client.get(reverse("admin:staff_branch_change", args=[main_branch.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
