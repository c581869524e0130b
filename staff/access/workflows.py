"""Complaints, collection-review requests, comment cards and purchase suggestions: who sees
each, and who may take its steps (the `may` of each row of its workflow table)."""

from django.contrib.auth.models import User
from django.db.models import Q

from staff import roles
from staff.access.people import NOTHING, branch_ids, has_role, is_director, supervises, supervises_or_directs


# Complaints ---------------------------------------------------------------------------------

def complaint_scope(viewer: User) -> Q:
    """The complaint queue: desk staff the ones they took; supervisors own branch's, and any
    they took or were assigned; the Director all."""
    if is_director(viewer):
        return Q()
    if has_role(viewer, roles.SUPERVISOR):
        return Q(branch__in=branch_ids(viewer)) | Q(taken_by=viewer) | Q(assigned_to=viewer)
    if has_role(viewer, roles.DESK):
        return Q(taken_by=viewer)
    return NOTHING


def may_see_complaint(viewer: User, complaint) -> bool:
    """complaint_scope, for one complaint: whoever sees it sees its confidential part."""
    if is_director(viewer):
        return True
    if has_role(viewer, roles.SUPERVISOR):
        return complaint.branch_id in branch_ids(viewer) or viewer.pk in (complaint.taken_by_id, complaint.assigned_to_id)
    return has_role(viewer, roles.DESK) and complaint.taken_by_id == viewer.pk


def may_work_complaint(viewer: User, complaint) -> bool:
    """Acknowledge, assign, respond, resolve, escalate: a supervisor of its branch, the Director."""
    return is_director(viewer) or supervises(viewer, complaint.branch_id)


def may_decide_complaint(viewer: User, complaint) -> bool:
    """An escalated complaint is decided by the Director."""
    return is_director(viewer)


def works_complaints(viewer: User) -> bool:
    """Supervisors and the Director work on complaints (the queue offers them the filters)."""
    return supervises_or_directs(viewer)


# Collection-review requests -----------------------------------------------------------------

def review_scope(viewer: User) -> Q:
    """Desk staff the requests they took and those they review on a committee; supervisors
    own branch's as well; the Director all (it joins the committee: one row per request is
    the selector's)."""
    if is_director(viewer):
        return Q()
    mine = Q(taken_by=viewer) | Q(reviewers__reviewer=viewer)
    if has_role(viewer, roles.SUPERVISOR):
        return mine | Q(branch__in=branch_ids(viewer))
    if has_role(viewer, roles.DESK):
        return mine
    return NOTHING


def may_see_review(viewer: User, review) -> bool:
    """review_scope, for one request (its committee read from `review.reviewers`)."""
    if is_director(viewer):
        return True
    if not has_role(viewer, roles.SUPERVISOR, roles.DESK):
        return False
    on_committee = any(row.reviewer_id == viewer.pk for row in review.reviewers.all())
    return review.taken_by_id == viewer.pk or on_committee or supervises(viewer, review.branch_id)


def may_read_review_requester(viewer: User, review) -> bool:
    """Who asked, and how to reach them: whoever took the request, a supervisor of its branch,
    the Director. A committee member reviews the item and the concern, not the person."""
    if review.taken_by_id == viewer.pk or is_director(viewer):
        return True
    return supervises(viewer, review.branch_id)


def may_run_review(viewer: User, review) -> bool:
    """Acknowledge, assign the committee, send the letter: a supervisor of its branch, the Director."""
    return is_director(viewer) or supervises(viewer, review.branch_id)


def may_decide_review(viewer: User, review) -> bool:
    """The decision: the Director or the committee's chair."""
    return is_director(viewer) or (review.chair_id is not None and review.chair_id == viewer.pk)


def may_decide_appeal(viewer: User, review) -> bool:
    return is_director(viewer)


def may_publish_review(viewer: User, review) -> bool:
    """The public list of decisions is the Director's to publish."""
    return is_director(viewer)


# Comment cards and purchase suggestions ----------------------------------------------------

def card_scope(viewer: User) -> Q:
    """Desk staff the paper cards they typed in; supervisors own branch's cards (kiosk cards
    included) and those they typed in; the Director all."""
    if is_director(viewer):
        return Q()
    if has_role(viewer, roles.SUPERVISOR):
        return Q(branch__in=branch_ids(viewer)) | Q(typed_in_by=viewer)
    if has_role(viewer, roles.DESK):
        return Q(typed_in_by=viewer)
    return NOTHING


def may_see_card(viewer: User, card) -> bool:
    """card_scope, for one card: whoever sees it sees its name and contact."""
    if is_director(viewer):
        return True
    if has_role(viewer, roles.SUPERVISOR):
        return card.branch_id in branch_ids(viewer) or card.typed_in_by_id == viewer.pk
    return has_role(viewer, roles.DESK) and card.typed_in_by_id == viewer.pk


def may_triage_card(viewer: User, card) -> bool:
    """Thank, act, reply, turn into a complaint or a suggestion, close: a supervisor of the
    card's branch, the Director."""
    return is_director(viewer) or supervises(viewer, card.branch_id)


def triages_cards(viewer: User) -> bool:
    """Supervisors and the Director triage cards (the queue offers them the filters)."""
    return supervises_or_directs(viewer)


def suggestion_scope(viewer: User) -> Q:
    """Desk staff the purchase suggestions they took; supervisors own branch's and those they
    took; the Director all."""
    if is_director(viewer):
        return Q()
    if has_role(viewer, roles.SUPERVISOR):
        return Q(branch__in=branch_ids(viewer)) | Q(taken_by=viewer)
    if has_role(viewer, roles.DESK):
        return Q(taken_by=viewer)
    return NOTHING


def may_see_suggestion(viewer: User, suggestion) -> bool:
    """suggestion_scope, for one suggestion: whoever sees it sees who suggested it."""
    if is_director(viewer):
        return True
    if has_role(viewer, roles.SUPERVISOR):
        return suggestion.branch_id in branch_ids(viewer) or suggestion.taken_by_id == viewer.pk
    return has_role(viewer, roles.DESK) and suggestion.taken_by_id == viewer.pk


def may_decide_suggestion(viewer: User, suggestion) -> bool:
    """Accept, order or decline: a supervisor of the suggestion's branch, the Director."""
    return is_director(viewer) or supervises(viewer, suggestion.branch_id)
