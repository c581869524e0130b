"""`seed_demo`'s volume options for `make bench`, at a tiny volume: each record type comes
with its timeline, in statuses its workflow reaches, and the bulk writer escapes what COPY
would misread."""

import datetime
import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from feedback.models import CommentCard, Complaint, ComplaintStep, PurchaseSuggestion, ReviewRequest
from feedback.services.complaint_rules import FIRST_STEPS, WORKFLOW
from feedback.services.review_rules import WORKFLOW as REVIEW_WORKFLOW
from interactions.models import Interaction
from policy.models import ChecklistTick
from policy.selectors import policy_references
from servicedesk.lib.bulk import copy_text


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    return settings


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_volume_options_add_each_record_type_with_its_timeline(debug, db):
    seed()
    before_interactions, before_ticks = Interaction.objects.count(), ChecklistTick.objects.count()
    out = seed("--interactions=30", "--complaints=40", "--reviews=5", "--cards=6", "--suggestions=7", "--days=730")
    assert Interaction.objects.count() == before_interactions + 30
    assert ChecklistTick.objects.count() > before_ticks
    # Every tick, written by the services, the demo or COPY, in the words its item was asked in.
    assert not ChecklistTick.objects.exclude(label=F("item__label")).exists()
    assert Complaint.objects.count() == 3 + 40
    assert (ReviewRequest.objects.count(), CommentCard.objects.count(), PurchaseSuggestion.objects.count()) == (8, 9, 8)
    assert "Adding 40 complaints over the last 730 days" in out
    oldest = Complaint.objects.order_by("received_at").first().received_at
    assert oldest < datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=60)
    for complaint in Complaint.objects.filter(submission_key__isnull=True).prefetch_related("steps"):
        steps = list(complaint.steps.all())
        assert steps[0].action == "taken"
        status = Complaint.Status.NEW
        for step in steps[1:]:  # each step one the workflow allows from where the complaint was
            assert status in WORKFLOW.steps[step.action].sources and step.from_status == status
            status = step.to_status
        assert status == complaint.status
        # When it first took each measured step, as the workflow keeps it (the reports' waits).
        assert {field: getattr(complaint, field) for field in FIRST_STEPS} == {
            field: next((step.at for step in steps if step.action in actions), None)
            for field, actions in FIRST_STEPS.items()
        }
    assert ComplaintStep.objects.filter(complaint__submission_key__isnull=True).count() >= 40
    named = set(Complaint.objects.filter(submission_key__isnull=True).values_list("policy_reference", flat=True))
    assert named - {""} and named - {""} <= set(policy_references())


def test_volume_reviews_and_suggestions_read_as_the_services_write_them(debug, db):
    """Each review step is one its workflow allows, later than the one before; a decided
    request and a decided suggestion say what was decided and when (the reports' waits)."""
    seed()
    seed("--reviews=12", "--cards=10", "--suggestions=12", "--days=200")
    for review in ReviewRequest.objects.filter(submission_key__isnull=True).prefetch_related("steps"):
        steps = list(review.steps.all())
        assert steps[0].action == "received"
        status, at = ReviewRequest.Status.RECEIVED, review.received_at
        for step in steps[1:]:
            assert status in REVIEW_WORKFLOW.steps[step.action].sources and step.from_status == status
            assert step.at >= at
            status, at = step.to_status, step.at
        assert status == review.status
        decided = [step.at for step in steps if step.action == "decide"]
        assert (review.decided_at, bool(review.decision)) == ((decided[0], True) if decided else (None, False))
    for suggestion in PurchaseSuggestion.objects.filter(submission_key__isnull=True):
        assert (suggestion.decided_at is None) == (suggestion.status == PurchaseSuggestion.Status.PENDING)
        assert suggestion.decided_at is None or suggestion.decided_at >= suggestion.received_at
    for card in CommentCard.objects.filter(sent_from="demo"):
        assert (card.reply_by is not None) == card.wants_reply


def test_volume_must_not_be_negative(debug, db):
    with pytest.raises(CommandError, match="give 0 or more"):
        seed("--complaints=-1")


def test_copy_text_escapes_what_copy_would_misread():
    assert copy_text(None) == r"\N"
    assert copy_text(True) == "t" and copy_text(False) == "f"
    assert copy_text("a\tb\nc\\d\re") == r"a\tb\nc\\d\re"
    assert copy_text(datetime.date(2026, 12, 1)) == "2026-12-01"
    key = uuid.UUID(int=1)
    assert copy_text(key) == str(key) and copy_text(7) == "7"
