"""Acknowledging a version: the banner on every page until one has read it, the "I have read
it" button, and the banner's cost (at most one query a page)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from policy import services
from policy.models import Acknowledgment
from policy.tests.factories import PolicyFactory, PolicyVersionFactory

BANNER = "policy-banner"
TODAY = timezone.localdate()


def acknowledge(client, policy, number):
    return client.post(reverse("policy:acknowledge", args=[policy.pk]), {"version": number})


@pytest.mark.parametrize("url_name", ["patrons:lookup", "choose_service_point", "policy:library", "password_change"])
def test_staff_see_the_banner_on_every_page_until_they_have_read_it(url_name, desk_client, policy):
    html = desk_client.get(reverse(url_name)).content.decode()
    assert BANNER in html
    assert "Please read the Customer Service Policy" in html
    assert reverse("policy:detail", args=[policy.pk]) in html


def test_i_have_read_it_ends_the_banner(desk_client, desk, policy, current):
    response = acknowledge(desk_client, policy, 1)
    assert response.status_code == 302
    assert response["Location"] == reverse("policy:detail", args=[policy.pk])
    assert Acknowledgment.objects.filter(user=desk, version=current).exists()
    html = desk_client.get(reverse("patrons:lookup")).content.decode()
    assert BANNER not in html
    detail = desk_client.get(reverse("policy:detail", args=[policy.pk])).content.decode()
    assert "I have read it" not in detail
    assert f"You confirmed on {TODAY:%-d %B %Y} that you have read version 1." in detail


def test_acknowledging_twice_keeps_the_first_time(desk_client, desk, policy, current):
    acknowledge(desk_client, policy, 1)
    first = Acknowledgment.objects.get(user=desk).acknowledged_at
    acknowledge(desk_client, policy, 1)
    assert list(Acknowledgment.objects.filter(user=desk).values_list("acknowledged_at", flat=True)) == [first]


def test_a_new_version_in_effect_brings_the_banner_back(desk_client, desk, policy, current, director):
    acknowledge(desk_client, policy, 1)
    PolicyVersionFactory(policy=policy, number=2, effective_on=TODAY, published_by=director)
    html = desk_client.get(reverse("patrons:lookup")).content.decode()
    assert BANNER in html
    assert f"A new version of the Customer Service Policy is in effect since {TODAY:%-d %B %Y}" in html


def test_a_version_not_yet_in_effect_brings_no_banner_and_cannot_be_acknowledged(desk_client, desk, policy, current):
    acknowledge(desk_client, policy, 1)
    PolicyVersionFactory(policy=policy, number=2, effective_on=TODAY + datetime.timedelta(days=3))
    assert BANNER not in desk_client.get(reverse("patrons:lookup")).content.decode()
    response = acknowledge(desk_client, policy, 2)
    assert response.status_code == 302
    assert not Acknowledgment.objects.filter(user=desk, version__number=2).exists()
    assert "acknowledge it then" in desk_client.get(response["Location"]).content.decode()


def test_the_banner_is_not_repeated_on_the_policy_page_itself(desk_client, policy):
    html = desk_client.get(reverse("policy:detail", args=[policy.pk])).content.decode()
    assert BANNER not in html
    assert "I have read it" in html


def test_the_administrator_never_sees_the_banner_and_cannot_acknowledge(itadmin_client, itadmin, policy):
    assert BANNER not in itadmin_client.get(reverse("admin:index")).content.decode()
    assert BANNER not in itadmin_client.get(reverse("policy:library")).content.decode()
    assert acknowledge(itadmin_client, policy, 1).status_code == 403
    assert not Acknowledgment.objects.filter(user=itadmin).exists()


def test_acknowledging_is_a_post(desk_client, policy):
    assert desk_client.get(reverse("policy:acknowledge", args=[policy.pk])).status_code == 405


def test_acknowledging_a_version_that_does_not_exist_is_not_found(desk_client, policy):
    assert acknowledge(desk_client, policy, 7).status_code == 404
    assert desk_client.post(reverse("policy:acknowledge", args=[policy.pk]), {"version": "x"}).status_code == 404


def test_whoever_publishes_a_version_has_read_it(director, policy, current):
    version = services.policy_publish(
        policy=policy, by=director, based_on=1, effective_on=TODAY, body="New.", rationale="Why.",
        principles="# T\nBe kind.\nWhy: It helps.\n", changes="Shorter.",
    )
    assert Acknowledgment.objects.filter(user=director, version=version).exists()


def _page_queries(client, url, django_assert_max_num_queries) -> tuple[str, list[str]]:
    with django_assert_max_num_queries(100) as captured:
        html = client.get(url).content.decode()
    return html, [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("unread", [1, 5])
def test_the_banner_costs_one_query_a_page_however_many_versions_are_unread(
    unread, desk_client, policy, settings, django_assert_max_num_queries
):
    for _ in range(unread - 1):
        PolicyVersionFactory(policy=PolicyFactory())
    url = reverse("patrons:lookup")
    desk_client.get(url)  # the versions in effect are cached after the first page of the day
    html, with_banner = _page_queries(desk_client, url, django_assert_max_num_queries)
    assert html.count(BANNER) == unread
    options = settings.TEMPLATES[0]["OPTIONS"]
    processors = [name for name in options["context_processors"] if name != "policy.context_processors.policy_banner"]
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "OPTIONS": {**options, "context_processors": processors}}]
    html, without = _page_queries(desk_client, url, django_assert_max_num_queries)
    assert BANNER not in html
    assert len(with_banner) - len(without) == 1


def test_the_banner_costs_the_administrator_no_query(itadmin_client, django_assert_max_num_queries):
    html, queries = _page_queries(itadmin_client, reverse("policy:library"), django_assert_max_num_queries)
    assert "not part of your role" in html
    assert not [sql for sql in queries if "policy_" in sql]


def test_a_version_published_today_is_in_the_banner_at_once(desk_client, policy):
    """The versions in effect are cached for everyone; a new one starts afresh."""
    url = reverse("patrons:lookup")
    acknowledge(desk_client, policy, 1)
    assert BANNER not in desk_client.get(url).content.decode()
    PolicyVersionFactory(policy=policy, number=2, effective_on=timezone.localdate())
    assert desk_client.get(url).content.decode().count(BANNER) == 1
