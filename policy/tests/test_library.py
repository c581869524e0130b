"""The policy library (/policies/): every principle in effect, by section, with its rationale
and where the app asks for it; search by words."""

import pytest
from django.urls import reverse

from policy.tests.factories import PolicyFactory, PolicyVersionFactory, PrincipleFactory

LIBRARY = reverse("policy:library")


def search(client, query):
    return client.get(LIBRARY, {"q": query})


@pytest.mark.parametrize("persona", ["desk_client", "supervisor_client", "director_client"])
def test_everyone_who_serves_patrons_reads_the_library(persona, request, policy):
    html = request.getfixturevalue(persona).get(LIBRARY).content.decode()
    assert "Customer Service Policy" in html
    assert "Treat every patron with equal respect and every request with equal importance." in html
    assert "Patrons trust a library that serves everyone alike" in html
    assert "Desk form: invited to return" in html


def test_the_administrator_gets_the_friendly_refusal(itadmin_client):
    response = itadmin_client.get(LIBRARY)
    assert response.status_code == 403
    assert "The policy library: not part of your role" in response.content.decode()


def test_principles_are_grouped_by_section_in_the_order_of_the_policy(desk_client, policy):
    html = desk_client.get(LIBRARY).content.decode()
    headings = [html.index(f">{title}</h3>") for title in (
        "Customer service principles", "Ethics/confidentiality guidelines", "Positive operating procedures", "Teamwork"
    )]
    assert headings == sorted(headings)
    assert html.index("Be flexible.") > headings[3]
    assert html.index("Smile to greet approaching patrons.") > headings[2]


def test_the_library_shows_when_each_policy_was_last_updated(desk_client, current):
    html = desk_client.get(LIBRARY).content.decode()
    assert f"Last updated {current.effective_on:%-d %B %Y}" in html


def test_search_finds_principles_by_words_in_their_text(desk_client, policy):
    response = search(desk_client, "telephone")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Answer the telephone in a timely manner." in html
    assert "Patrons who are present in the building take precedence over telephone inquiries." in html
    assert "Be flexible." not in html
    assert "2 principles match “telephone”." in html


def test_search_looks_in_the_rationale_too_and_ignores_case(desk_client, policy):
    html = search(desk_client, "GOODWILL").content.decode()
    assert "Whenever possible, judgment calls should be made in the patron’s favor." in html
    assert "1 principle matches" in html


def test_every_word_must_match(desk_client, policy):
    html = search(desk_client, "patrons return").content.decode()
    assert "Invite patrons to return for additional assistance." in html
    assert "Answer the telephone in a timely manner." not in html


def test_a_search_that_finds_nothing_says_what_to_do(desk_client, policy):
    html = search(desk_client, "zebra").content.decode()
    assert "No principle matches “zebra”. Try another word" in html
    assert 'href="/policies/">Show every principle' in html


def test_a_search_that_is_too_long_says_so_and_keeps_it(desk_client, policy):
    response = search(desk_client, "word " * 50)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Search with a few words (at most 200 characters)." in html
    assert 'value="word word' in html


def test_only_the_version_in_effect_is_searched(desk_client, policy, current):
    upcoming = PolicyVersionFactory(policy=policy, number=2, effective_on=current.effective_on.replace(year=current.effective_on.year + 1))
    PrincipleFactory(version=upcoming, section="Teamwork", text="Bring cake on Fridays.")
    assert "Bring cake on Fridays." not in search(desk_client, "cake").content.decode()


@pytest.mark.parametrize("policies", [1, 6])
def test_the_library_costs_the_same_queries_however_many_policies(policies, desk_client, django_assert_max_num_queries):
    for _ in range(policies):
        version = PolicyVersionFactory(policy=PolicyFactory())
        PrincipleFactory.create_batch(5, version=version)
    with django_assert_max_num_queries(8):
        response = desk_client.get(LIBRARY)
    assert response.status_code == 200
    with django_assert_max_num_queries(8):
        search(desk_client, "principle number")
