"""A policy's page (/policies/<id>/): the version in effect, its "last updated" date, and
its earlier versions (/policies/<id>/versions/<n>/), which stay readable."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from policy.tests.factories import PolicyVersionFactory, PrincipleFactory

TODAY = timezone.localdate()


def page(client, policy, number=None):
    if number is None:
        return client.get(reverse("policy:detail", args=[policy.pk]))
    return client.get(reverse("policy:version", args=[policy.pk, number]))


@pytest.fixture
def second(policy, current, director):
    """Version 2, in effect since today; version 1 took effect before it."""
    current.effective_on = TODAY - datetime.timedelta(days=30)
    current.save()
    version = PolicyVersionFactory(
        policy=policy, number=2, effective_on=TODAY, body="The second introduction.", changes="Phones first.",
        published_by=director,
    )
    PrincipleFactory(version=version, section="Phones", text="Answer within three rings.", rationale="Callers wait.")
    return version


def test_the_policy_page_shows_the_version_in_effect_whole(desk_client, policy, current):
    response = page(desk_client, policy)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Customer Service Policy · Library Service Desk</title>" in html
    assert f"Last updated {current.effective_on:%-d %B %Y} · version 1 is in effect" in html
    assert "The Library’s mission requires excellent customer service." in html
    assert "Why the library has this policy" in html
    assert "Our patrons are not an interruption of our work, they are our work." in html
    assert html.count('class="list-group-item"') >= 57
    assert "installed with the app" in html


def test_the_page_shows_the_newest_version_in_effect_and_links_the_earlier_one(desk_client, policy, second):
    html = page(desk_client, policy).content.decode()
    assert "The second introduction." in html
    assert "Answer within three rings." in html
    assert "What changed in version 2" in html and "Phones first." in html
    assert f"Last updated {TODAY:%-d %B %Y} · version 2 is in effect" in html
    assert reverse("policy:version", args=[policy.pk, 1]) in html
    assert "The Library’s mission requires" not in html


def test_an_earlier_version_stays_readable(desk_client, policy, second):
    response = page(desk_client, policy, 1)
    html = response.content.decode()
    assert response.status_code == 200
    assert "This is version 1, an earlier version" in html
    assert "The Library’s mission requires excellent customer service." in html
    assert "Answer within three rings." not in html
    assert f"Last updated {TODAY:%-d %B %Y} · version 2 is in effect" in html
    assert "I have read it" not in html
    assert "<title>Customer Service Policy, version 1 · Library Service Desk</title>" in html


def test_a_version_not_yet_in_effect_says_when_it_will_be(desk_client, policy, current):
    later = TODAY + datetime.timedelta(days=10)
    PolicyVersionFactory(policy=policy, number=2, effective_on=later, body="Coming soon.")
    html = page(desk_client, policy, 2).content.decode()
    assert f"it takes effect on {later:%-d %B %Y}" in html
    assert "Coming soon." in html
    assert "Coming soon." not in page(desk_client, policy).content.decode()


def test_a_missing_policy_or_version_is_not_found(desk_client, policy):
    assert desk_client.get(reverse("policy:detail", args=[policy.pk + 100])).status_code == 404
    assert page(desk_client, policy, 9).status_code == 404


def test_the_administrator_is_refused_the_policy_pages(itadmin_client, policy):
    for response in (page(itadmin_client, policy), page(itadmin_client, policy, 1)):
        assert response.status_code == 403
        assert "The policy library: not part of your role" in response.content.decode()


def test_publishing_and_acknowledgments_are_offered_only_to_those_who_may(
    desk_client, supervisor_client, director_client, policy
):
    publish = reverse("policy:publish", args=[policy.pk])
    who = reverse("policy:acknowledgments", args=[policy.pk])
    desk_html = page(desk_client, policy).content.decode()
    supervisor_html = page(supervisor_client, policy).content.decode()
    director_html = page(director_client, policy).content.decode()
    assert publish not in desk_html and who not in desk_html
    assert publish not in supervisor_html and who in supervisor_html
    assert publish in director_html and who in director_html


def test_the_page_costs_a_handful_of_queries_whatever_the_versions(desk_client, policy, current, django_assert_max_num_queries):
    for number in range(2, 12):
        PolicyVersionFactory(policy=policy, number=number, effective_on=current.effective_on)
    with django_assert_max_num_queries(12):
        assert page(desk_client, policy).status_code == 200
