"""A script in any free-text field is shown as text on every page that shows it."""

import re

import pytest
from django.urls import reverse

from interactions.tests.factories import InteractionFactory, InteractionKindFactory
from patrons.tests.factories import PatronFactory
from staff.tests.factories import BranchFactory, ServicePointFactory

PAYLOAD = '<script>alert("x")</script>'
# Django templates escape a quote as &quot;, the widgets' Jinja2 templates as &#34;.
ESCAPED = re.compile(r"&lt;script&gt;alert\((&quot;|&#34;)x(&quot;|&#34;)\)&lt;/script&gt;")


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
        # A wrong card is refused by the patron's name.
        ("post", reverse("patrons:edit", args=[patron.pk]), {"presented_card": "1"}),
        ("get", reverse("choose_service_point"), {}),
        ("post", reverse("patrons:lookup"), {"query": "first"}),
    ]


def test_every_page_shows_the_payload_as_text(director_client, poisoned):
    for method, url, data in pages(poisoned):
        html = getattr(director_client, method)(url, data).content.decode()
        assert PAYLOAD not in html, url
        assert ESCAPED.search(html) or "&lt;script&gt;" in html, url


def test_a_payload_typed_into_the_look_up_box_comes_back_as_text(desk_client):
    html = desk_client.post(reverse("patrons:lookup"), {"query": PAYLOAD}).content.decode()
    assert PAYLOAD not in html


@pytest.fixture
def poisoned_review(director, desk, desk2, supervisor, main_branch):
    from feedback.services import reviews
    from feedback.tests.factories import review_in

    review = review_in(
        "notified",
        by=director,
        taken_by=desk,
        branch=main_branch,
        reviewers=[desk, desk2, supervisor],
        title=f"Title {PAYLOAD}",
        creator=f"Creator {PAYLOAD}",
        requester_name=f"Name {PAYLOAD}",
        concern=f"Concern {PAYLOAD}",
        represents="group",
        group_name=f"Group {PAYLOAD}",
    )
    review.steps.update(note=PAYLOAD)
    review.reviewers.update(comments=PAYLOAD)
    review.replies.update(body=PAYLOAD)
    review.__class__.objects.filter(pk=review.pk).update(decision_reasons=f"Reasons {PAYLOAD}")
    review.refresh_from_db()
    return reviews.review_publish(review=review, by=director, version=review.version)


def test_review_pages_show_the_payload_as_text(director_client, poisoned_review):
    from django.test import Client

    pk = poisoned_review.pk
    responses = [director_client.get(reverse(f"reviews:{name}", args=[pk])) for name in ("detail", "copy", "letter")]
    responses += [director_client.get(reverse("reviews:queue"))]
    responses += [Client().get(reverse("reviews:decisions")), Client().get(reverse("reviews:decision", args=[pk]))]
    for response in responses:
        html = response.content.decode()
        assert response.status_code == 200
        assert PAYLOAD not in html, response.request["PATH_INFO"]
        assert ESCAPED.search(html), response.request["PATH_INFO"]


@pytest.fixture
def poisoned_complaint(director, supervisor, desk, reference_desk):
    from feedback.services import complaints
    from feedback.tests.factories import ComplaintFactory

    complaint = ComplaintFactory(
        service_point=reference_desk,
        taken_by=desk,
        status="escalated",
        wants_director=True,
        what_happened=f"Happened {PAYLOAD}",
        desired_outcome=f"Outcome {PAYLOAD}",
        staff_involved=f"Staff {PAYLOAD}",
        policy_reference=f"Policy {PAYLOAD}",
        contact_name=f"Name {PAYLOAD}",
        contact_address=f"Address {PAYLOAD}",
    )
    complaints.complaint_decide(complaint=complaint, by=director, version=1, decision=f"Decision {PAYLOAD}", note=PAYLOAD)
    complaints.complaint_respond(complaint=complaint, by=director, version=2, response=f"Response {PAYLOAD}")
    complaints.complaint_reply(complaint=complaint, by=director, version=3, channel="letter")
    return complaint


def test_complaint_pages_show_the_payload_as_text(director_client, poisoned_complaint):
    pk = poisoned_complaint.pk
    responses = [director_client.get(reverse(f"complaints:{name}", args=[pk])) for name in ("detail", "letter")]
    responses += [director_client.get(reverse("complaints:queue"), {"status": "all"})]
    for response in responses:
        html = response.content.decode()
        assert response.status_code == 200
        assert PAYLOAD not in html, response.request["PATH_INFO"]
        assert ESCAPED.search(html), response.request["PATH_INFO"]


def test_a_payload_typed_into_a_complaint_comes_back_as_text(desk_client, reference_desk, at_service_point):
    at_service_point(desk_client, reference_desk)
    response = desk_client.post(reverse("complaints:take"), {"what_happened": PAYLOAD, "service_point": "", "source": "desk"})
    html = response.content.decode()
    assert response.status_code == 422
    assert PAYLOAD not in html and ESCAPED.search(html)


def test_a_comment_card_shows_the_payload_as_text_to_staff(director_client, director, main_branch):
    from feedback.tests.factories import CommentCardFactory, PurchaseSuggestionFactory

    card = CommentCardFactory(branch=main_branch, comment=PAYLOAD, name=PAYLOAD[:100], contact=PAYLOAD)
    suggestion = PurchaseSuggestionFactory(branch=main_branch, title=PAYLOAD, creator=PAYLOAD, contact=PAYLOAD)
    for url in (reverse("cards:detail", args=[card.pk]), reverse("cards:queue"), reverse("suggestions:detail", args=[suggestion.pk]), reverse("suggestions:list")):
        html = director_client.get(url).content.decode()
        assert PAYLOAD not in html, url


def test_a_payload_typed_on_the_kiosk_comes_back_as_text(client, main_branch):
    response = client.post(reverse("cards:kiosk"), {"kind": "question", "comment": PAYLOAD, "wants_reply": "on", "branch": main_branch.pk}, follow=True)
    assert response.status_code == 422
    html = response.content.decode()
    assert PAYLOAD not in html and ESCAPED.search(html)


def test_checklist_labels_show_the_payload_as_text(director_client, director, reference_desk, at_service_point):
    from feedback.tests.factories import ComplaintFactory
    from policy.models import ChecklistItem

    ChecklistItem.objects.update(label=f"Item {PAYLOAD}")
    complaint = ComplaintFactory(service_point=reference_desk, taken_by=director)
    at_service_point(director_client, reference_desk)
    director_client.post(reverse("choose_service_point"), {"service_point": reference_desk.pk})
    urls = [
        reverse("policy:checklists"),
        reverse("policy:follow_through"),
        reverse("interactions:desk"),
        reverse("choose_service_point"),
        reverse("patrons:register"),
        reverse("complaints:detail", args=[complaint.pk]),
    ]
    for url in urls:
        html = director_client.get(url).content.decode()
        assert PAYLOAD not in html, url
        assert ESCAPED.search(html), url
