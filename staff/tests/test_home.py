from django.urls import reverse


def test_desk_staff_land_on_the_desk(desk_client, eastdesk_client):
    for client in (desk_client, eastdesk_client):
        assert client.get("/")["Location"] == reverse("interactions:desk")


def test_supervisors_and_the_director_land_on_their_branchs_day(supervisor_client, director_client):
    for client in (supervisor_client, director_client):
        assert client.get("/")["Location"] == reverse("reports:today")


def test_the_administrator_lands_in_the_admin(itadmin_client):
    assert itadmin_client.get("/")["Location"] == reverse("admin:index")


def test_an_account_without_a_role_is_told_so(db, client):
    from staff.tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get("/")
    assert response.status_code == 403
    assert "Your account has no role yet" in response.content.decode()
