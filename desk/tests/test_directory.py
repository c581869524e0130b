"""The expertise directory's pages: search by subject (case, accents, part of a word), one's
own entry, departments and partner libraries kept by supervisors, at constant queries."""

import pytest
from django.urls import reverse

from desk.models import Expert
from desk.tests.factories_referrals import ExpertFactory, PlaceFactory
from staff.tests.factories import UserFactory

DIRECTORY = reverse("desk:directory")


@pytest.mark.parametrize("query", ["geneal", "GÉNÉALOGIE", "genealogie", "local hist"])
def test_search_ignores_case_and_accents_and_finds_part_of_a_word(desk_client, desk2, supervisor, query):
    ExpertFactory(user=desk2, subjects=["Généalogie", "Local history"])
    ExpertFactory(user=supervisor, subjects=["Legal forms"])
    html = desk_client.get(DIRECTORY, {"q": query}).content.decode()
    assert desk2.get_full_name() in html
    assert supervisor.get_full_name() not in html


def test_people_are_shown_by_their_names(desk_client, desk2):
    ExpertFactory(user=desk2, subjects=["Maps"])
    html = desk_client.get(DIRECTORY).content.decode()
    assert desk2.get_full_name() in html and f">{desk2.username}<" not in html


def test_an_own_entry_is_saved_and_listed(desk_client, desk):
    response = desk_client.post(reverse("desk:directory_me"), {"subjects": "Spanish, job search", "how_to_reach": "ext. 214", "is_listed": "on"})
    assert response.status_code == 302
    entry = Expert.objects.get(user=desk)
    assert sorted(entry.subjects.values_list("name", flat=True)) == ["Spanish", "job search"]


def test_an_own_entry_too_long_keeps_what_was_typed(desk_client):
    response = desk_client.post(reverse("desk:directory_me"), {"subjects": "x" * 90, "how_to_reach": "ext. 214"})
    assert response.status_code == 422
    assert "80 characters" in response.content.decode() and "ext. 214" in response.content.decode()


def test_a_supervisor_adds_a_partner_library(supervisor_client, main_branch):
    response = supervisor_client.post(reverse("desk:directory_place_new"), {
        "kind": "partner", "name": "County Law Library", "branch": main_branch.pk, "subjects": "legal forms",
    })
    assert response.status_code == 302
    assert Expert.objects.get().kind == "partner"


def test_desk_staff_are_refused_the_departments_section(desk_client):
    assert desk_client.get(reverse("desk:directory_place_new")).status_code == 403


def test_another_branchs_supervisor_cannot_edit_a_department(east_branch, main_branch):
    from django.test import Client

    east_supervisor = UserFactory(roles=["Supervisor"], branches=[east_branch])
    client = Client()
    client.force_login(east_supervisor)
    department = PlaceFactory(branch=main_branch)
    assert client.get(reverse("desk:directory_place_edit", args=[department.pk])).status_code == 404


def test_a_department_taken_out_of_the_directory_is_no_longer_listed(supervisor_client, desk_client, main_branch):
    department = PlaceFactory(branch=main_branch, name="Local History Room", subjects=["Maps"])
    supervisor_client.post(reverse("desk:directory_place_edit", args=[department.pk]), {"name": "Local History Room", "subjects": "Maps"})
    assert "Local History Room" not in desk_client.get(DIRECTORY).content.decode()


@pytest.mark.parametrize("count", [1, 15])
def test_the_directory_takes_the_same_queries_for_few_or_many(desk_client, count, django_assert_max_num_queries):
    for _ in range(count):
        ExpertFactory(subjects=["Maps", "Genealogy"])
    with django_assert_max_num_queries(9):
        assert desk_client.get(DIRECTORY, {"q": "map"}).status_code == 200
