"""Letters are worded by who sends them and at which step: nobody is told to appeal, or ask to
be referred, to the Library Director by the Director herself; the Director's answer is final
and says so. Every letter page has a top-level heading."""

from html import unescape

import pytest
from django.urls import reverse

from feedback.models import Complaint
from feedback.tests.factories import ComplaintFactory, review_in

TO_THE_DIRECTOR = "referred to the Library Director"
APPEAL_TO_THE_DIRECTOR = "appeal to the Library Director"


@pytest.fixture
def complaint(desk, reference_desk):
    return ComplaintFactory(
        service_point=reference_desk, taken_by=desk, contact_name="Ann Patron", contact_email="ann@example.org",
        status=Complaint.Status.IN_PROGRESS,
    )


def response_draft(client, complaint) -> str:
    page = client.get(reverse("complaints:detail", args=[complaint.pk]), {"template": "complaint_response"})
    return page.context["response_form"]["response"].initial


def test_a_supervisors_response_offers_referral_to_the_director(supervisor_client, complaint):
    draft = response_draft(supervisor_client, complaint)
    assert f"you may ask for it to be {TO_THE_DIRECTOR}." in draft
    assert "final" not in draft


def test_the_directors_own_response_is_final_and_refers_nobody_to_the_director(director_client, complaint):
    draft = response_draft(director_client, complaint)
    assert TO_THE_DIRECTOR not in draft
    assert "This response is from the Library Director, and it is the library's final answer to your complaint." in draft


def test_a_response_giving_the_directors_decision_says_it_is_final(supervisor_client, complaint):
    Complaint.objects.filter(pk=complaint.pk).update(status=Complaint.Status.DECIDED)
    draft = response_draft(supervisor_client, complaint)
    assert TO_THE_DIRECTOR not in draft
    assert "the Library Director's decision, which is the library's final answer" in draft


@pytest.fixture
def committee(desk, desk2, supervisor):
    return [desk, desk2, supervisor]


def decision_draft(client, review) -> str:
    page = client.get(reverse("reviews:detail", args=[review.pk]))
    [form] = [action["form"] for action in page.context["actions"] if action["name"] == "send_decision"]
    return form["body"].initial


def test_a_decision_the_chair_made_may_be_appealed_to_the_director(supervisor, supervisor_client, desk, main_branch, committee):
    review = review_in("decided", by=supervisor, taken_by=desk, branch=main_branch, reviewers=committee)
    assert f"you may {APPEAL_TO_THE_DIRECTOR} in writing by" in decision_draft(supervisor_client, review)


def test_the_directors_decision_letter_never_says_appeal_to_the_director(
    director, director_client, supervisor_client, desk, main_branch, committee
):
    review = review_in("decided", by=director, taken_by=desk, branch=main_branch, reviewers=committee)
    for client in (director_client, supervisor_client):
        draft = decision_draft(client, review)
        assert APPEAL_TO_THE_DIRECTOR not in draft
        assert "This decision was made by the Library Director. If you disagree with it, you may ask us in writing" in draft
        assert "the decision on that request will be final." in draft


def test_the_directors_printable_draft_is_worded_as_hers(director, director_client, desk, main_branch, committee):
    review = review_in("decided", by=director, taken_by=desk, branch=main_branch, reviewers=committee)
    page = unescape(director_client.get(reverse("reviews:letter", args=[review.pk])).content.decode())
    assert "This decision was made by the Library Director." in page and APPEAL_TO_THE_DIRECTOR not in page


# Headings ---------------------------------------------------------------------------------------

def test_the_complaint_letter_page_has_a_top_level_heading(supervisor_client, complaint):
    page = supervisor_client.get(reverse("complaints:letter", args=[complaint.pk])).content.decode()
    assert f'<h1 class="h3">Letter for complaint {complaint.reference}</h1>' in page


def test_the_review_letter_page_has_a_top_level_heading(director, director_client, desk, main_branch):
    review = review_in("received", by=director, taken_by=desk, branch=main_branch)
    page = director_client.get(reverse("reviews:letter", args=[review.pk])).content.decode()
    assert f'<h1 class="h3">Letter for {review.reference}</h1>' in page
