"""A section outside the role answers 403 with a page that names the section, who can help,
and the nearest thing the person may do (roles.md, "How a refusal looks")."""

from django.urls import reverse


def test_the_administrator_at_the_desk_is_sent_to_the_administration_site(itadmin_client):
    response = itadmin_client.get(reverse("interactions:desk"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "The desk: not part of your role" in html
    assert "is for desk staff, supervisors and the Director" in html
    assert "A colleague at the desk can help the patron." in html
    assert f'href="{reverse("admin:index")}"' in html
    assert f'href="{reverse("patrons:lookup")}"' not in html


def test_desk_staff_on_a_directors_page_are_told_to_ask_the_director_and_offered_the_desk(desk_client):
    response = desk_client.get(reverse("retention"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "The retention period: not part of your role" in html
    assert "is for the Director." in html
    assert "Ask the Director, who decides this for the library." in html
    assert f'href="{reverse("interactions:desk")}"' in html
    assert f'href="{reverse("patrons:lookup")}"' in html
    assert f'href="{reverse("admin:index")}"' not in html


def test_patron_records_refused_to_the_administrator_name_their_section(itadmin_client, db):
    html = itadmin_client.get(reverse("patrons:lookup")).content.decode()
    assert "Patron records: not part of your role" in html


def test_a_refusal_without_a_section_reveals_nothing_and_offers_the_start_page(rf, desk):
    from django.core.exceptions import PermissionDenied

    from servicedesk.views import permission_denied

    request = rf.get("/anything/")
    request.user = desk
    request.session = {}
    response = permission_denied(request, PermissionDenied("internal detail"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "internal detail" not in html
    assert "This is not part of your role" in html
    assert f'href="{reverse("home")}"' in html


ROLES_FROM_IT = "The IT administrator can change which roles your account holds"


def test_staff_are_told_the_it_administrator_changes_their_roles(desk_client):
    assert ROLES_FROM_IT in desk_client.get(reverse("retention")).content.decode()


def test_the_administrator_is_not_sent_to_themselves_for_a_role(itadmin_client):
    """roles.md: the Administrator never holds a role granted to their own account."""
    response = itadmin_client.get(reverse("complaints:queue"))
    assert response.status_code == 403
    assert ROLES_FROM_IT not in response.content.decode()
