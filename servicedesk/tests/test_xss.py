"""A script in any free-text field is shown as text on every page that shows it."""

import pytest
from django.urls import reverse

from interactions.tests.factories import InteractionFactory, InteractionKindFactory
from patrons.tests.factories import PatronFactory
from staff.tests.factories import BranchFactory, ServicePointFactory

PAYLOAD = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


@pytest.fixture
def poisoned(director, at_service_point, director_client):
    branch = BranchFactory(name=f"Branch {PAYLOAD}", code="poisoned")
    director.profile.branches.add(branch)
    point = ServicePointFactory(branch=branch, name=f"Desk {PAYLOAD}")
    kind = InteractionKindFactory(name=f"Kind {PAYLOAD}")
    patron = PatronFactory(
        first_name=f"First{PAYLOAD}", last_name=f"Last{PAYLOAD}", address=PAYLOAD, phone=PAYLOAD[:30], home_branch=branch
    )
    interaction = InteractionFactory(service_point=point, staff=director, kind=kind, patron=patron, note=PAYLOAD)
    at_service_point(director_client, point)
    return {"patron": patron, "interaction": interaction}


def pages(records):
    patron, interaction = records["patron"], records["interaction"]
    return [
        ("get", reverse("interactions:desk"), {}),
        ("get", reverse("interactions:detail", args=[interaction.pk]), {}),
        ("get", reverse("patrons:detail", args=[patron.pk]), {}),
        ("get", reverse("patrons:edit", args=[patron.pk]), {}),
        ("get", reverse("choose_service_point"), {}),
        ("post", reverse("patrons:lookup"), {"query": "first"}),
    ]


def test_every_page_shows_the_payload_as_text(director_client, poisoned):
    for method, url, data in pages(poisoned):
        html = getattr(director_client, method)(url, data).content.decode()
        assert PAYLOAD not in html, url
        assert ESCAPED in html or "&lt;script&gt;" in html, url


def test_a_payload_typed_into_the_look_up_box_comes_back_as_text(desk_client):
    html = desk_client.post(reverse("patrons:lookup"), {"query": PAYLOAD}).content.decode()
    assert PAYLOAD not in html
