import pytest
from django.urls import reverse

from staff.current import SESSION_KEY
from staff.models import StaffProfile

CHOOSE = reverse("choose_service_point")


def test_desk_staff_see_only_their_branchs_service_points(desk_client, reference_desk, circulation_desk, east_desk):
    html = desk_client.get(CHOOSE).content.decode()
    assert "Main — Reference desk" in html and "Main — Circulation desk" in html
    assert "Eastside desk" not in html


def test_the_director_may_work_anywhere(director_client, reference_desk, east_desk):
    html = director_client.get(CHOOSE).content.decode()
    assert "Main — Reference desk" in html and "Eastside — Eastside desk" in html


def test_choosing_remembers_it_in_the_session_and_the_header(desk_client, desk, reference_desk):
    response = desk_client.post(CHOOSE, {"service_point": reference_desk.pk})
    assert response.status_code == 302 and response["Location"] == reverse("interactions:desk")
    assert desk_client.session[SESSION_KEY] == reference_desk.pk
    html = desk_client.get(reverse("patrons:lookup")).content.decode()
    assert "Working at </span><strong>Main — Reference desk</strong>" in html
    assert StaffProfile.objects.get(user=desk).last_service_point == reference_desk


def test_the_last_service_point_is_offered_first_at_the_next_sign_in(desk_client, desk, reference_desk, circulation_desk):
    StaffProfile.objects.filter(user=desk).update(last_service_point=circulation_desk)
    response = desk_client.get(CHOOSE)
    assert response.context["form"]["service_point"].value() == circulation_desk.pk


def test_a_service_point_of_another_branch_is_refused(desk_client, reference_desk, east_desk):
    response = desk_client.post(CHOOSE, {"service_point": east_desk.pk})
    assert response.status_code == 422
    assert "not one of your branch" in response.content.decode()
    assert SESSION_KEY not in desk_client.session


def test_nothing_chosen_says_what_to_do(desk_client, reference_desk):
    assert "Choose the desk or line you are working at." in desk_client.post(CHOOSE, {}).content.decode()


def test_next_brings_staff_back_to_where_they_were_but_never_off_site(desk_client, reference_desk):
    back = desk_client.post(CHOOSE, {"service_point": reference_desk.pk, "next": "/patrons/"})
    assert back["Location"] == "/patrons/"
    away = desk_client.post(CHOOSE, {"service_point": reference_desk.pk, "next": "https://evil.example/"})
    assert away["Location"] == reverse("interactions:desk")


@pytest.mark.parametrize("next_url", ["interactions:desk", "2000-01-01T00:00", "patrons", "admin:index"])
def test_a_next_that_is_not_a_path_goes_to_the_desk(desk_client, reference_desk, next_url):
    response = desk_client.post(CHOOSE, {"service_point": reference_desk.pk, "next": next_url})
    assert response.status_code == 302 and response["Location"] == reverse("interactions:desk")


def test_an_account_without_a_branch_is_told_whom_to_ask(db, client):
    from staff import roles
    from staff.tests.factories import UserFactory

    client.force_login(UserFactory(roles=[roles.DESK]))
    assert "The IT administrator adds your branch" in client.get(CHOOSE).content.decode()


def test_the_administrator_cannot_choose_a_desk(itadmin_client):
    assert itadmin_client.get(CHOOSE).status_code == 403
