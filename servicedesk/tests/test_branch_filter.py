"""`?branch=<number or code>` on the lists a branch's day links to (the complaint queue, the
comment cards, the phone callbacks): it narrows the list to one branch inside what the viewer
may see, never more. A branch outside the viewer's own (the Director's: every branch) is bad
input: 422, the message, and an empty list."""

import pytest
from django.urls import reverse

from desk.tests.factories_callbacks import CallbackFactory
from feedback.tests.factories import CommentCardFactory, ComplaintFactory

LISTS = {
    "complaints": ("complaints:queue", "complaints:detail"),
    "cards": ("cards:queue", "cards:detail"),
    "callbacks": ("desk:callbacks", "desk:callback_detail"),
}


@pytest.fixture
def records(desk, eastdesk, reference_desk, east_desk):
    """One of each at Main (by desk) and at Eastside (by eastdesk)."""

    def made(point, by):
        return {
            "complaints": ComplaintFactory(service_point=point, taken_by=by),
            "cards": CommentCardFactory(branch=point.branch, source="paper", typed_in_by=by),
            "callbacks": CallbackFactory(service_point=point, created_by=by),
        }

    return {"main": made(reference_desk, desk), "east": made(east_desk, eastdesk)}


def shown(client, name, records, **params):
    """The status, and which of the records (main, east) the list links to."""
    url, detail = LISTS[name]
    response = client.get(reverse(url), params)
    html = response.content.decode()
    return response.status_code, {where for where, made in records.items() if reverse(detail, args=[made[name].pk]) in html}


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize(
    "persona, branch, expected",
    [
        ("director", None, (200, {"main", "east"})),
        ("director", "east", (200, {"east"})),
        ("director", "main", (200, {"main"})),
        ("supervisor", "main", (200, {"main"})),
        ("supervisor", "east", (422, set())),
        ("desk", "main", (200, {"main"})),
        ("desk", "east", (422, set())),
        ("eastdesk", "east", (200, {"east"})),
        ("eastdesk", "main", (422, set())),
    ],
)
def test_each_role_narrows_to_a_branch_it_sees_and_no_further(request, records, name, persona, branch, expected):
    client = request.getfixturevalue(f"{persona}_client")
    assert shown(client, name, records, **({"branch": branch} if branch else {})) == expected


@pytest.mark.parametrize("name", LISTS)
def test_the_branch_is_named_by_its_number_or_its_code(director_client, records, east_branch, name):
    assert shown(director_client, name, records, branch=east_branch.pk) == (200, {"east"})
    assert shown(director_client, name, records, branch="east") == (200, {"east"})


@pytest.mark.parametrize("name", LISTS)
def test_a_branch_outside_ones_own_says_what_to_fix(supervisor_client, records, east_branch, name):
    response = supervisor_client.get(reverse(LISTS[name][0]), {"branch": east_branch.pk})
    assert response.status_code == 422
    assert "Choose a branch from the list: that one is not among the branches you see." in response.content.decode()


@pytest.mark.parametrize("name", LISTS)
def test_an_unknown_branch_is_bad_input_for_the_director_too(director_client, records, name):
    assert shown(director_client, name, records, branch="nowhere") == (422, set())


@pytest.mark.parametrize("name", LISTS)
def test_the_administrator_is_refused_the_lists(itadmin_client, records, name):
    assert itadmin_client.get(reverse(LISTS[name][0]), {"branch": "main"}).status_code == 403


def test_the_director_chooses_the_branch_and_a_one_branch_viewer_keeps_it_hidden(director_client, supervisor_client, records):
    assert '<select name="branch"' in director_client.get(reverse("complaints:queue")).content.decode()
    html = supervisor_client.get(reverse("complaints:queue"), {"branch": "main"}).content.decode()
    assert '<select name="branch"' not in html
    assert '<input type="hidden" name="branch" value="main">' in html


@pytest.mark.parametrize("url, noun", [("complaints:queue", "complaints"), ("cards:queue", "cards")])
def test_the_directors_list_says_which_branch_it_shows(director_client, records, url, noun):
    assert f"Every branch's {noun}" in director_client.get(reverse(url)).content.decode()
    html = director_client.get(reverse(url), {"branch": "east"}).content.decode()
    assert f"Eastside's {noun}" in html and "Every branch's" not in html
