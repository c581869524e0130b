"""The one way to a record's confidential part, and to a record at all for a detail page.

roles.md: "every read of a confidential part by anyone other than its author" is recorded.
So the functions that hand a view a record's confidential part (the patron, the note,
contact details, registration details) are the ones that write the access-record entry, in
the same call, after asking the rule in staff/access/ (zulip's `access_stream_by_id`
pattern). A view that never calls `record_read` itself cannot forget it. Each returns a small
frozen dataclass, or None when the viewer may not read it; its fields are named as the
record's, so the helpers that build a letter from a record build it from the part as well.

`get_visible_or_404` is the other half: a record outside the viewer's scope answers 404,
exactly as one that does not exist, and the attempt is recorded (without its content).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404

from staff import access
from staff.audit import record_access, record_read
from staff.models import AccessRecord

READ = AccessRecord.Action.READ_CONFIDENTIAL


def get_visible_or_404(
    viewer: User,
    visible: QuerySet,
    pk: int,
    *,
    may: Callable[[Any, Any], bool] | None = None,
    branch: str = "branch_id",
    message: str = "Nothing here.",
):
    """The record `pk` among `visible` (the viewer's scope, from the app's selector), and,
    when `may` is given, one the viewer may act on; otherwise 404. A refused attempt on a
    record that exists is recorded with the record's branch (`branch`: the lookup that reaches
    it), so that its supervisor sees it; one that does not exist is not."""
    record = visible.filter(pk=pk).first()
    if record is None or (may is not None and not may(viewer, record)):
        model = visible.model
        branch_id = model._default_manager.filter(pk=pk).values_list(branch, flat=True).first()
        if branch_id is not None:
            record_access(actor=viewer, action=AccessRecord.Action.REFUSED, record=model(pk=pk), branch_id=branch_id)
        raise Http404(message)
    return record


# Interactions ------------------------------------------------------------------------------

@dataclass(frozen=True)
class InteractionConfidential:
    patron: Any
    note: str


def interaction_confidential(viewer: User, interaction) -> InteractionConfidential | None:
    """The patron and the note of an interaction, for its author, a supervisor of its branch
    and the Director; recorded unless the viewer logged it."""
    if not access.may_read_interaction_confidential(viewer, interaction):
        return None
    record_read(
        viewer=viewer,
        record=interaction,
        branch_id=interaction.branch_id,
        action=READ,
        author_id=interaction.staff_id,
    )
    return InteractionConfidential(patron=interaction.patron, note=interaction.note)


# Patrons -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class PatronDetails:
    email: str
    phone: str
    address: str
    birth_date: datetime.date | None
    # Why the card was blocked or the block lifted (patrons/services.py).
    status_reason: str


def patron_details(viewer: User, patron, *, present: bool = False) -> PatronDetails | None:
    """A patron's registration details (roles.md): a supervisor of the patron's home branch and
    the Director; everyone who serves patrons once the patron is shown to be present
    (`present=True`: their card scanned or typed on the update page). Every read is recorded."""
    if not access.may_read_patron_details(viewer, patron, present=present):
        return None
    record_read(viewer=viewer, record=patron, branch_id=patron.home_branch_id, action=AccessRecord.Action.READ_PATRON_DETAILS)
    return PatronDetails(
        email=patron.email,
        phone=patron.phone,
        address=patron.address,
        birth_date=patron.birth_date,
        status_reason=patron.status_reason,
    )


def patron_interaction_history(viewer: User, patron, visible: QuerySet) -> QuerySet | None:
    """A patron's interactions (roles.md: "a patron's interaction history": supervisors, own
    branch; the Director, all), from `visible`, the viewer's interactions with this patron
    (the interactions app's selector, whose scope keeps a supervisor to own branches). Every
    read is recorded; None when the viewer may not read it."""
    if not access.may_read_patron_history(viewer, patron):
        return None
    record_read(viewer=viewer, record=patron, branch_id=patron.home_branch_id, action=AccessRecord.Action.READ_PATRON_HISTORY)
    return visible


# Complaints --------------------------------------------------------------------------------

@dataclass(frozen=True)
class ComplaintContact:
    patron: Any
    contact_name: str
    contact_email: str
    contact_phone: str
    contact_address: str


def complaint_contact(viewer: User, complaint) -> ComplaintContact | None:
    """Who complained and how to reach them, for whoever may see the complaint; recorded
    unless the viewer took it."""
    if not access.may_see_complaint(viewer, complaint):
        return None
    record_read(viewer=viewer, record=complaint, branch_id=complaint.branch_id, action=READ, author_id=complaint.taken_by_id)
    return ComplaintContact(
        patron=complaint.patron,
        contact_name=complaint.contact_name,
        contact_email=complaint.contact_email,
        contact_phone=complaint.contact_phone,
        contact_address=complaint.contact_address,
    )


# Collection-review requests ----------------------------------------------------------------

@dataclass(frozen=True)
class ReviewRequester:
    patron: Any
    requester_name: str
    requester_email: str
    requester_phone: str
    requester_address: str
    represents: str
    group_name: str


def review_requester(viewer: User, review) -> ReviewRequester | None:
    """Who asked for a review and how to reach them: whoever took it, a supervisor of its
    branch, the Director. A committee member reads what the requester wrote, never who they
    are: that read is recorded too, and they get None."""
    if not access.may_see_review(viewer, review):
        return None
    record_read(viewer=viewer, record=review, branch_id=review.branch_id, action=READ, author_id=review.taken_by_id)
    if not access.may_read_review_requester(viewer, review):
        return None
    return ReviewRequester(
        patron=review.patron,
        requester_name=review.requester_name,
        requester_email=review.requester_email,
        requester_phone=review.requester_phone,
        requester_address=review.requester_address,
        represents=review.represents,
        group_name=review.group_name,
    )


# Comment cards and purchase suggestions ----------------------------------------------------

@dataclass(frozen=True)
class CardContact:
    name: str
    contact: str


def card_contact(viewer: User, card) -> CardContact | None:
    """The name and contact on a comment card, for whoever may see the card; recorded unless
    the viewer typed it in (so every read of a kiosk card)."""
    if not access.may_see_card(viewer, card):
        return None
    record_read(viewer=viewer, record=card, branch_id=card.branch_id, action=READ, author_id=card.typed_in_by_id)
    return CardContact(name=card.name, contact=card.contact)


@dataclass(frozen=True)
class SuggestionContact:
    patron: Any
    contact_name: str
    contact: str


def suggestion_contact(viewer: User, suggestion) -> SuggestionContact | None:
    """Who suggested the purchase and how to tell them, for whoever may see the suggestion;
    recorded unless the viewer took it."""
    if not access.may_see_suggestion(viewer, suggestion):
        return None
    record_read(viewer=viewer, record=suggestion, branch_id=suggestion.branch_id, action=READ, author_id=suggestion.taken_by_id)
    return SuggestionContact(patron=suggestion.patron, contact_name=suggestion.contact_name, contact=suggestion.contact)


# Phone callbacks ---------------------------------------------------------------------------

@dataclass(frozen=True)
class CallbackContact:
    caller_name: str
    caller_phone: str
    need: str
    result: str


def callback_contact(viewer: User, callback) -> CallbackContact | None:
    """Who to call back, on which number, about what, and what came of it: for whoever may see
    the callback (its branch's desk, the Director); recorded unless the viewer took it."""
    if not access.may_see_callback(viewer, callback):
        return None
    record_read(viewer=viewer, record=callback, branch_id=callback.branch_id, action=READ, author_id=callback.created_by_id)
    return CallbackContact(
        caller_name=callback.caller_name, caller_phone=callback.caller_phone, need=callback.need, result=callback.result
    )


# Referrals ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReferralConfidential:
    question: str
    patron_name: str
    patron_contact: str
    answer: str


def referral_confidential(viewer: User, referral) -> ReferralConfidential | None:
    """A referral's question, who the patron is and how to reach them, and the answer: for
    whoever may see the referral (the person it is referred to, whoever referred it, a
    supervisor of its branch, the Director); recorded unless the viewer referred it."""
    if not access.may_see_referral(viewer, referral):
        return None
    record_read(viewer=viewer, record=referral, branch_id=referral.branch_id, action=READ, author_id=referral.referred_by_id)
    return ReferralConfidential(
        question=referral.question,
        patron_name=referral.patron_name,
        patron_contact=referral.patron_contact,
        answer=referral.answer,
    )
