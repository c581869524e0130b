"""A complaint's page and a review request's page cost the same number of queries however long
their timeline, and the library's reply templates are read once for every draft until one is
edited (feedback.services.notify.reply_template)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from feedback.models import Complaint, ComplaintStep, Reply, ReplyChannel, ReplyTemplate, ReviewStep
from feedback.services import complaint_letters
from feedback.tests.factories import ComplaintFactory, review_in
from staff import roles
from staff.access import is_director
from staff.tests.factories import UserFactory


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.fixture
def complaint(desk, reference_desk):
    return ComplaintFactory(
        service_point=reference_desk, taken_by=desk, contact_email="p@example.org", status=Complaint.Status.IN_PROGRESS
    )


def test_the_complaint_page_costs_the_same_queries_however_long_its_timeline(supervisor_client, supervisor, complaint, main_branch):
    url = reverse("complaints:detail", args=[complaint.pk])
    queries_of(supervisor_client, url)
    short = queries_of(supervisor_client, url)
    for number in range(6):
        someone = UserFactory(roles=[roles.SUPERVISOR], branches=[main_branch])
        ComplaintStep.objects.create(complaint=complaint, by=someone, action="assign", note=f"Note {number}", assignee=someone)
        Reply.objects.create(complaint=complaint, channel=ReplyChannel.EMAIL, body="Dear you", sent_to="p@example.org", by=someone)
    assert queries_of(supervisor_client, url) == short


def test_the_review_page_costs_the_same_queries_however_long_its_timeline(director_client, director, desk, desk2, supervisor, main_branch):
    review = review_in("committee", by=director, taken_by=desk, branch=main_branch, reviewers=[desk, desk2, supervisor])
    url = reverse("reviews:detail", args=[review.pk])
    queries_of(director_client, url)
    short = queries_of(director_client, url)
    for number in range(6):
        ReviewStep.objects.create(review=review, by=UserFactory(roles=[roles.DESK], branches=[main_branch]), action="note", note=f"{number}")
    assert queries_of(director_client, url) == short


def test_the_reply_templates_are_read_once_for_every_draft(complaint, supervisor, django_assert_num_queries):
    assert not is_director(supervisor)  # as on a page, the person's roles are already read
    with django_assert_num_queries(1):
        complaint_letters.draft_from_template(complaint, ReplyTemplate.Kind.COMPLAINT_ACKNOWLEDGE, by=supervisor)
    with django_assert_num_queries(0):
        complaint_letters.draft_from_template(complaint, ReplyTemplate.Kind.COMPLAINT_RESPONSE, by=supervisor)
        complaint_letters.reply_subject(complaint, ReplyTemplate.Kind.COMPLAINT_RESPONSE)


def test_an_edited_reply_template_is_drafted_from_at_once(complaint, supervisor):
    complaint_letters.draft_from_template(complaint, ReplyTemplate.Kind.COMPLAINT_RESPONSE, by=supervisor)
    template = ReplyTemplate.objects.get(kind=ReplyTemplate.Kind.COMPLAINT_RESPONSE)
    template.body = "Hello {name}, from {branch}."
    template.save()
    assert complaint_letters.draft_from_template(complaint, ReplyTemplate.Kind.COMPLAINT_RESPONSE, by=supervisor) == (
        f"Hello {complaint.contact_name}, from {complaint.branch.name}."
    )
