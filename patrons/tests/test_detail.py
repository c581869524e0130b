from django.test import Client
from django.urls import reverse

from patrons.tests.factories import PatronFactory
from staff import roles
from staff.tests.factories import UserFactory

SECRETS = ("zoe.private@example.org", "555-010-4242", "Hidden Lane")


def detail_url(patron):
    return reverse("patrons:detail", args=[patron.pk])


def test_desk_staff_see_the_card_but_not_the_registration_details(desk_client, zoe):
    response = desk_client.get(detail_url(zoe))
    html = response.content.decode()
    assert response.status_code == 200
    # The whole card number is the proof that the patron is present (patrons/presence.py):
    # the page that links to the update does not give it away.
    assert "Zoë Quist" in html and "ending in 0042" in html and "30000000000042" not in html
    assert "Active" in html and "Main" in html and "English" in html
    assert reverse("patrons:edit", args=[zoe.pk]) in html
    for secret in SECRETS:
        assert secret not in html


def test_the_title_names_no_patron(desk_client, zoe):
    html = desk_client.get(detail_url(zoe)).content.decode()
    title = html[html.index("<title>") : html.index("</title>")]
    assert "Quist" not in title and "30000000000042" not in title
    assert html.count("<h1") == 1


def test_desk_staff_of_another_branch_see_the_card_too(eastdesk_client, zoe):
    response = eastdesk_client.get(detail_url(zoe))
    assert response.status_code == 200
    html = response.content.decode()
    assert "ending in 0042" in html and zoe.last_name in html and zoe.card_number not in html
    for secret in SECRETS:
        assert secret not in html


def test_the_supervisor_of_the_home_branch_sees_the_registration_details(supervisor_client, zoe):
    html = supervisor_client.get(detail_url(zoe)).content.decode()
    assert zoe.card_number in html
    for secret in SECRETS:
        assert secret in html


def test_a_supervisor_does_not_see_the_details_of_another_branchs_patron(supervisor_client, east_branch):
    patron = PatronFactory(home_branch=east_branch, last_name="Eastwood", email="east.private@example.org", phone="555-010-7777")
    html = supervisor_client.get(detail_url(patron)).content.decode()
    assert "Eastwood" in html
    assert "east.private@example.org" not in html and "555-010-7777" not in html


def test_a_supervisor_of_another_branch_does_not_see_the_details(east_branch, zoe):
    client = Client()
    client.force_login(UserFactory(roles=[roles.SUPERVISOR], branches=[east_branch]))
    html = client.get(detail_url(zoe)).content.decode()
    for secret in SECRETS:
        assert secret not in html


def test_the_director_sees_the_registration_details(director_client, east_branch):
    patron = PatronFactory(home_branch=east_branch, email="east.private@example.org")
    assert "east.private@example.org" in director_client.get(detail_url(patron)).content.decode()


def test_a_patron_that_does_not_exist_is_404(desk_client, db):
    assert desk_client.get(reverse("patrons:detail", args=[999999])).status_code == 404


def test_the_administrator_is_refused(itadmin_client, zoe):
    response = itadmin_client.get(detail_url(zoe))
    assert response.status_code == 403
    assert "Quist" not in response.content.decode()


def test_the_page_is_not_kept_in_the_browser_cache(desk_client, zoe):
    assert "no-store" in desk_client.get(detail_url(zoe))["Cache-Control"]


def test_the_page_is_only_read(desk_client, zoe):
    assert desk_client.post(detail_url(zoe)).status_code == 405
