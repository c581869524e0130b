"""manage.py deidentify: closed review requests past feedback_retention_days lose who asked
and every free text; the item and the decision stay, and the public list keeps working."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feedback.models import Reply, ReviewRequest, ReviewStep
from feedback.services import reviews
from feedback.tests.factories import review_in
from patrons.tests.factories import PatronFactory
from servicedesk.lib.retention import REMOVED


def run(*args):
    out = StringIO()
    call_command("deidentify", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def closed(director, desk, desk2, supervisor, main_branch):
    """Two closed requests, one closed 400 days ago and one 10 days ago, and an open one."""

    def make(status, days_ago, title):
        review = review_in(
            status,
            by=director,
            taken_by=desk,
            branch=main_branch,
            reviewers=[desk, desk2, supervisor],
            title=title,
            patron=PatronFactory(home_branch=main_branch),
            requester_phone="555-0199",
            requester_address="12 Larch Lane",
            represents="group",
            group_name="Parents for Quiet",
        )
        ReviewStep.objects.filter(review=review).update(at=timezone.now() - datetime.timedelta(days=days_ago))
        return review

    old = make("closed", 400, "Old Title")
    reviews.review_publish(review=old, by=director, version=old.version)
    return {"old": old, "recent": make("closed", 10, "Recent Title"), "open": make("appealed", 400, "Open Title")}


def test_a_dry_run_says_how_many_and_changes_nothing(closed):
    output = run("--dry-run")
    assert "Collection-review requests closed more than 365 days ago: 1 would lose the requester's identity and every free text" in output
    assert "interactions would lose" in output
    assert ReviewRequest.objects.get(pk=closed["old"].pk).requester_name == "Rosalind Quibble"


def test_only_closed_requests_past_the_period_lose_the_requester(closed):
    output = run()
    assert "1 lost the requester's identity and every free text of the request and its timeline; the item and the decisions stay." in output
    old = ReviewRequest.objects.get(pk=closed["old"].pk)
    assert (
        old.patron_id,
        old.requester_name,
        old.requester_email,
        old.requester_phone,
        old.requester_address,
        old.group_name,
    ) == (None, "", "", "", "", "")
    assert old.deidentified_at is not None
    assert (old.title, old.concern, old.decision, old.decision_reasons) == ("Old Title", REMOVED, "retain", "")
    assert not Reply.objects.filter(review=old, body__contains="Rosalind").exists()
    assert not Reply.objects.filter(review=old).exclude(sent_to="").exists()
    for kept in ("recent", "open"):
        assert ReviewRequest.objects.get(pk=closed[kept].pk).requester_name == "Rosalind Quibble"
    assert "0 lost the requester" in run()


def test_the_public_list_and_the_request_page_keep_working(closed, director_client):
    run()
    assert "Old Title" in Client().get(reverse("reviews:decisions")).content.decode()
    html = director_client.get(reverse("reviews:detail", args=[closed["old"].pk])).content.decode()
    assert "De-identified on" in html and "Rosalind" not in html


def test_the_directors_period_decides(closed):
    from staff.models import LibrarySettings

    library = LibrarySettings.current()
    library.feedback_retention_days = 5
    library.save()
    assert "2 lost the requester's identity" in run()
