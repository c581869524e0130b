"""Policy text is shown as text, whoever wrote it; every policy form needs its CSRF token."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from policy import services
from policy.models import Acknowledgment, PolicyVersion

PAYLOAD = '<script>alert("x")</script>'


@pytest.fixture
def poisoned(policy, director):
    policy.title = f"Policy {PAYLOAD}"
    policy.save()
    return services.policy_publish(
        policy=policy,
        by=director,
        based_on=1,
        effective_on=timezone.localdate(),
        body=f"Intro {PAYLOAD}",
        rationale=f"Why {PAYLOAD}",
        changes=f"Changed {PAYLOAD}",
        closing=f"Closing {PAYLOAD}",
        principles=f"# Section {PAYLOAD}\nBe {PAYLOAD} kind.\nWhy: {PAYLOAD}\nWhere: {PAYLOAD}\n",
    )


def test_policy_text_is_shown_escaped_on_every_policy_page(director_client, desk_client, policy, poisoned):
    pages = [
        (director_client, reverse("policy:library")),
        (director_client, reverse("policy:library") + "?q=kind"),
        (director_client, reverse("policy:detail", args=[policy.pk])),
        (director_client, reverse("policy:version", args=[policy.pk, poisoned.number])),
        (director_client, reverse("policy:publish", args=[policy.pk])),
        (desk_client, reverse("patrons:lookup")),  # the banner
    ]
    for client, url in pages:
        html = client.get(url).content.decode()
        assert PAYLOAD not in html, url
        assert "&lt;script&gt;" in html, url


def test_a_payload_typed_into_the_search_comes_back_as_text(desk_client, policy):
    html = desk_client.get(reverse("policy:library"), {"q": PAYLOAD}).content.decode()
    assert PAYLOAD not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "url_name, data",
    [
        ("policy:acknowledge", {"version": 1}),
        ("policy:publish", {"based_on": 1, "body": "x", "rationale": "y", "changes": "z", "principles": "# T\nA.\nWhy: b\n"}),
    ],
)
def test_a_post_without_a_csrf_token_is_refused(url_name, data, director, policy):
    client = Client(enforce_csrf_checks=True)
    client.force_login(director)
    response = client.post(reverse(url_name, args=[policy.pk]), {**data, "effective_on": timezone.localdate().isoformat()})
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
    assert not Acknowledgment.objects.exists()
    assert PolicyVersion.objects.filter(policy=policy).count() == 1


def test_delegating_without_a_csrf_token_is_refused(director, desk):
    client = Client(enforce_csrf_checks=True)
    client.force_login(director)
    response = client.post(reverse("policy:publishers"), {"action": "grant", "user": desk.pk})
    assert response.status_code == 403
    assert not desk.user_permissions.exists()
