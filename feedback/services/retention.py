"""What each feedback record keeps when it is de-identified, and the one way it is done.

roles.md: "closed complaints, reviews, comment cards ... past their own period lose the
patron's link, contact details and every free text of the record and its timeline (notes,
replies, letters), keeping the statistical part." Every text field of these models is cleared
(servicedesk/lib/retention.py) except the codes (fields with choices) and what is named here:
the item a review request or a suggestion is about, the policy a complaint concerns, and what
a timeline step did. feedback/tests/test_retention_fields.py asserts the outcome, so a new text
field is classified on purpose."""

from collections.abc import Sequence

from django.db import models
from django.db.models import F
from django.utils import timezone

from feedback.models import (
    CommentCard,
    CommentCardStep,
    Complaint,
    ComplaintStep,
    PurchaseSuggestion,
    Reply,
    Reviewer,
    ReviewRequest,
    ReviewStep,
)
from servicedesk.lib.retention import TIMELINE_CODES, clear_records

KEEP = {
    Complaint: ("policy_reference",),
    ComplaintStep: TIMELINE_CODES,
    ReviewRequest: ("title", "creator", "identifier", "title_key"),
    Reviewer: (),
    ReviewStep: TIMELINE_CODES,
    CommentCard: (),
    CommentCardStep: TIMELINE_CODES,
    PurchaseSuggestion: ("title", "creator"),
    Reply: (),
}


def deidentify(model: type[models.Model], pks: Sequence[int], **also) -> int:
    """Clear the records `pks` and everything hanging off them, mark when, and bump their
    version (a page open on an older copy cannot write the text back)."""
    return clear_records(model, pks, keep=KEEP, deidentified_at=timezone.now(), version=F("version") + 1, **also)
