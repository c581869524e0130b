"""What de-identification clears of each feedback record and of what hangs off it. The lists
are derived from the models (servicedesk/lib/retention.py); this test says what they must be,
so that a text field added to a model is classified on purpose: cleared, or kept in KEEP."""

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from feedback.models import (
    CommentCard,
    CommentCardStep,
    Complaint,
    ComplaintStep,
    PurchaseSuggestion,
    Reply,
    ReplyTemplate,
    Reviewer,
    ReviewRequest,
    ReviewStep,
)
from feedback.services.retention import KEEP
from policy.models import ChecklistTick
from servicedesk.lib.retention import REMOVED, clear_records, cleared_values, may_be_emptied, parts, text_fields

CLEARED = {
    Complaint: [
        "contact_name", "contact_email", "contact_phone", "contact_address", "what_happened",
        "staff_involved", "desired_outcome", "response", "decision",
    ],
    ComplaintStep: ["note"],
    Reply: ["body", "sent_to"],
    ReviewRequest: [
        "requester_name", "requester_email", "requester_phone", "requester_address", "group_name",
        "concern", "concern_location", "effect", "aware_of_reviews", "requested_action_other",
        "alternative_title", "decision_reasons", "appeal_reasons", "appeal_decision_reasons", "board_note",
    ],
    Reviewer: ["comments"],
    ReviewStep: ["note"],
    CommentCard: ["comment", "name", "contact", "sent_from"],
    CommentCardStep: ["note"],
    PurchaseSuggestion: ["contact_name", "contact", "reason"],
}
# What the records' parts are: their timelines, replies and committee.
PARTS = {
    Complaint: {ComplaintStep, Reply},
    ReviewRequest: {Reviewer, ReviewStep, Reply},
    CommentCard: {CommentCardStep, Reply},
    PurchaseSuggestion: set(),
}
# Not a record of a patron's: the library's own templates.
NOT_A_RECORD = {ReplyTemplate}


@pytest.mark.parametrize("model", list(CLEARED), ids=lambda model: model.__name__)
def test_every_text_field_but_the_codes_and_the_kept_ones_is_cleared(model):
    assert text_fields(model, keep=KEEP[model]) == CLEARED[model]


def test_every_feedback_model_is_classified():
    assert set(apps.get_app_config("feedback").get_models()) == set(KEEP) | NOT_A_RECORD


@pytest.mark.parametrize("model", list(PARTS), ids=lambda model: model.__name__)
def test_what_hangs_off_a_record_is_cleared_with_it(model):
    assert {rel.related_model for rel in parts(model)} == PARTS[model]


def test_a_policy_tick_holds_no_text_but_the_librarys_wording():
    # `label`: the item's words when it was asked, the library's own, never a patron's.
    assert text_fields(ChecklistTick, keep=["label"]) == []


def test_required_texts_and_those_a_constraint_needs_are_marked_not_emptied():
    assert not may_be_emptied(Complaint, "what_happened")
    assert not may_be_emptied(Reply, "body")
    # suggestion_declined_with_reason: a declined suggestion keeps a (removed) reason.
    assert not may_be_emptied(PurchaseSuggestion, "reason")
    assert may_be_emptied(PurchaseSuggestion, "contact")
    assert may_be_emptied(Complaint, "response")


@pytest.mark.parametrize("model", list(CLEARED), ids=lambda model: model.__name__)
def test_the_mark_fits_every_field_it_goes_in(model):
    for name in cleared_values(model, keep=KEEP[model]):
        max_length = model._meta.get_field(name).max_length
        assert max_length is None or max_length >= len(REMOVED)


def test_a_kept_name_that_is_not_a_text_field_is_refused():
    with pytest.raises(ImproperlyConfigured, match="not its text fields"):
        text_fields(Complaint, keep=("contact_nmae",))


@pytest.mark.django_db
def test_a_part_that_says_nothing_of_what_it_keeps_is_refused():
    keep = {model: fields for model, fields in KEEP.items() if model is not ComplaintStep}
    with pytest.raises(ImproperlyConfigured, match="ComplaintStep hangs off Complaint"):
        clear_records(Complaint, [1], keep=keep)
