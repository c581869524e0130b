"""Every scope and predicate of staff/access/, on its own, for each standing persona: two
desk staff at Main, one at Eastside, Main's supervisor, the Director and the IT
administrator. Each row is what roles.md says; a scope and the predicate for one record of it
must agree, so that a list and a page never disagree."""

import pytest

from feedback.models import CommentCard, Complaint, PurchaseSuggestion, ReviewRequest
from feedback.tests.factories import (
    CommentCardFactory,
    ComplaintFactory,
    PurchaseSuggestionFactory,
    ReviewerFactory,
    ReviewRequestFactory,
)
from interactions.models import Interaction
from interactions.tests.factories import InteractionFactory
from patrons.models import Patron
from patrons.tests.factories import PatronFactory
from staff import access

PERSONAS = ["desk", "desk2", "eastdesk", "supervisor", "director", "itadmin"]


def row(desk, desk2, eastdesk, supervisor, director, itadmin):
    return dict(zip(PERSONAS, [desk, desk2, eastdesk, supervisor, director, itadmin]))


@pytest.fixture
def records(desk, desk2, eastdesk, reference_desk, east_desk, main_branch, east_branch):
    """Main's records are `desk`'s (desk2 sits on the review's committee); Eastside's, eastdesk's."""
    review = ReviewRequestFactory(branch=main_branch, taken_by=desk)
    ReviewerFactory(review=review, reviewer=desk2)
    return {
        "interaction": InteractionFactory(service_point=reference_desk, staff=desk),
        "east_interaction": InteractionFactory(service_point=east_desk, staff=eastdesk),
        "patron": PatronFactory(home_branch=main_branch),
        "complaint": ComplaintFactory(service_point=reference_desk, taken_by=desk),
        "east_complaint": ComplaintFactory(service_point=east_desk, taken_by=eastdesk),
        "review": review,
        "card": CommentCardFactory(branch=main_branch, source="paper", typed_in_by=desk),
        "kiosk_card": CommentCardFactory(branch=east_branch, source="kiosk"),
        "suggestion": PurchaseSuggestionFactory(branch=main_branch, taken_by=desk),
    }


def _in(model, scope, record) -> bool:
    return model.objects.filter(scope, pk=record.pk).exists()


# What each persona may do with each record -------------------------------------------------

QUESTIONS = {
    # interaction of desk's at Main: (in scope, read patron and note, correct it, undo it)
    "interaction": (
        lambda user, r: (
            _in(Interaction, access.interaction_scope(user), r),
            access.may_read_interaction_confidential(user, r),
            access.may_edit_interaction(user, r),
            access.may_undo_interaction(user, r),
        ),
        row((True, True, True, True), (True, False, False, False), (False, False, False, False),
            (True, True, True, False), (True, True, True, False), (False, False, False, False)),
    ),
    "east_interaction": (
        lambda user, r: (_in(Interaction, access.interaction_scope(user), r), access.may_read_interaction_confidential(user, r)),
        row((False, False), (False, False), (True, True), (False, False), (True, True), (False, False)),
    ),
    # patron of Main: (look-up, registration details, and with the patron's card presented;
    # update, and with the card presented)
    "patron": (
        lambda user, r: (
            _in(Patron, access.patron_scope(user), r),
            access.may_read_patron_details(user, r),
            access.may_read_patron_details(user, r, present=True),
            access.may_update_patron(user, r),
            access.may_update_patron(user, r, present=True),
        ),
        row((True, False, True, False, True), (True, False, True, False, True), (True, False, True, False, True),
            (True, True, True, True, True), (True, True, True, True, True), (False, False, False, False, False)),
    ),
    # complaint desk took at Main: (in scope, may see, work on, decide)
    "complaint": (
        lambda user, r: (
            _in(Complaint, access.complaint_scope(user), r),
            access.may_see_complaint(user, r),
            access.may_work_complaint(user, r),
            access.may_decide_complaint(user, r),
        ),
        row((True, True, False, False), (False, False, False, False), (False, False, False, False),
            (True, True, True, False), (True, True, True, True), (False, False, False, False)),
    ),
    "east_complaint": (
        lambda user, r: (_in(Complaint, access.complaint_scope(user), r), access.may_work_complaint(user, r)),
        row((False, False), (False, False), (True, False), (False, False), (True, True), (False, False)),
    ),
    # review desk took at Main, desk2 on its committee: (in scope, may see, who asked, run,
    # decide, hear the appeal, publish)
    "review": (
        lambda user, r: (
            _in(ReviewRequest, access.review_scope(user), r),
            access.may_see_review(user, r),
            access.may_read_review_requester(user, r),
            access.may_run_review(user, r),
            access.may_decide_review(user, r),
            access.may_decide_appeal(user, r),
            access.may_publish_review(user, r),
        ),
        row(
            (True, True, True, False, False, False, False),
            (True, True, False, False, False, False, False),
            (False, False, False, False, False, False, False),
            (True, True, True, True, False, False, False),
            (True, True, True, True, True, True, True),
            (False, False, False, False, False, False, False),
        ),
    ),
    # paper card desk typed in at Main: (in scope, may see, triage)
    "card": (
        lambda user, r: (_in(CommentCard, access.card_scope(user), r), access.may_see_card(user, r), access.may_triage_card(user, r)),
        row((True, True, False), (False, False, False), (False, False, False),
            (True, True, True), (True, True, True), (False, False, False)),
    ),
    # kiosk card at Eastside: nobody typed it in
    "kiosk_card": (
        lambda user, r: (_in(CommentCard, access.card_scope(user), r), access.may_see_card(user, r), access.may_triage_card(user, r)),
        row((False, False, False), (False, False, False), (False, False, False),
            (False, False, False), (True, True, True), (False, False, False)),
    ),
    # purchase suggestion desk took at Main: (in scope, may see, decide)
    "suggestion": (
        lambda user, r: (
            _in(PurchaseSuggestion, access.suggestion_scope(user), r),
            access.may_see_suggestion(user, r),
            access.may_decide_suggestion(user, r),
        ),
        row((True, True, False), (False, False, False), (False, False, False),
            (True, True, True), (True, True, True), (False, False, False)),
    ),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("record", sorted(QUESTIONS))
def test_each_rule_on_a_record_answers_what_roles_md_says(request, records, record, persona):
    ask, expected = QUESTIONS[record]
    user = request.getfixturevalue(persona)
    assert ask(user, records[record]) == expected[persona]


SEES = {
    Interaction: (access.interaction_scope, None),
    Complaint: (access.complaint_scope, access.may_see_complaint),
    ReviewRequest: (access.review_scope, access.may_see_review),
    CommentCard: (access.card_scope, access.may_see_card),
    PurchaseSuggestion: (access.suggestion_scope, access.may_see_suggestion),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_scope_and_its_predicate_agree_on_every_record(request, records, persona):
    user = request.getfixturevalue(persona)
    for record in records.values():
        scope, may_see = SEES.get(type(record), (None, None))
        if may_see is not None:
            assert _in(type(record), scope(user), record) == may_see(user, record), (persona, record)


def test_a_scope_for_someone_signed_out_is_empty(records, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert not Interaction.objects.filter(access.interaction_scope(AnonymousUser())).exists()
    assert not Complaint.objects.filter(access.complaint_scope(AnonymousUser())).exists()


# What each persona may do, whatever the record ---------------------------------------------

ROLE_RULES = [
    "serves_patrons",
    "is_director",
    "supervises_or_directs",
    "works_complaints",
    "triages_cards",
    "may_publish_policy",
    "may_delegate_publishing",
    "may_edit_checklists",
    "sees_acknowledgments",
]
DESK_STAFF = (True, False, False, False, False, False, False, False, False)
ROLE_ANSWERS = row(
    DESK_STAFF,
    DESK_STAFF,
    DESK_STAFF,
    (True, False, True, True, True, False, False, False, True),
    (True, True, True, True, True, True, True, True, True),
    (False, False, False, False, False, False, False, False, False),
)


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_role_rule_answers_what_roles_md_says(db, request, persona):
    user = request.getfixturevalue(persona)
    assert tuple(getattr(access, rule)(user) for rule in ROLE_RULES) == ROLE_ANSWERS[persona]


def test_a_delegate_publishes_but_only_while_serving_patrons(desk, itadmin):
    from policy.selectors import publish_permission

    desk.user_permissions.add(publish_permission())
    itadmin.user_permissions.add(publish_permission())
    assert access.may_publish_policy(type(desk).objects.get(pk=desk.pk))
    assert not access.may_publish_policy(type(itadmin).objects.get(pk=itadmin.pk))


# Scopes of people and places ----------------------------------------------------------------

@pytest.mark.parametrize(
    "persona, expected",
    row(set(), set(), set(), {"desk", "desk2", "supervisor"}, {"desk", "desk2", "eastdesk", "supervisor", "director"}, set()).items(),
)
def test_whose_acknowledgments_a_person_sees(request, desk, desk2, eastdesk, supervisor, director, itadmin, persona, expected):
    user = request.getfixturevalue(persona)
    assert set(access.staff_acknowledgments_visible_to(user).values_list("username", flat=True)) == expected


@pytest.mark.parametrize(
    "persona, expected",
    row(set(), set(), set(), {"Main"}, {"Main", "Eastside"}, set()).items(),
)
def test_whose_follow_through_a_person_sees(request, main_branch, east_branch, persona, expected):
    user = request.getfixturevalue(persona)
    assert set(access.follow_through_branches(user).values_list("name", flat=True)) == expected


@pytest.mark.parametrize(
    "persona, expected",
    row({"Reference desk"}, {"Reference desk"}, {"Eastside desk"}, {"Reference desk"}, {"Reference desk", "Eastside desk"}, set()).items(),
)
def test_where_a_person_may_log(request, reference_desk, east_desk, persona, expected):
    user = request.getfixturevalue(persona)
    assert set(access.service_points_for(user).values_list("name", flat=True)) == expected


@pytest.mark.parametrize(
    "persona, expected", row("Main", "Main", "Eastside", "Main", "Main", None).items()
)
def test_the_branch_a_form_starts_with(request, main_branch, east_branch, persona, expected):
    branch = access.first_own_branch(request.getfixturevalue(persona))
    assert (branch.name if branch else None) == expected


# A patron's card status ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "persona, expected",
    # Main's patron: (mark an active card lost, renew an expired one, block, lift a block, may block at all)
    row((True, True, False, False, False), (True, True, False, False, False), (True, True, False, False, False),
        (True, True, True, True, True), (True, True, True, True, True), (False, False, False, False, False)).items(),
)
def test_who_may_change_a_card_status(request, main_branch, persona, expected):
    user = request.getfixturevalue(persona)
    active, expired, blocked = (
        PatronFactory(home_branch=main_branch, status=status)
        for status in (Patron.Status.ACTIVE, Patron.Status.EXPIRED, Patron.Status.BLOCKED)
    )
    assert (
        access.may_change_card_status(user, active, Patron.Status.LOST),
        access.may_change_card_status(user, expired, Patron.Status.ACTIVE),
        access.may_change_card_status(user, active, Patron.Status.BLOCKED),
        access.may_change_card_status(user, blocked, Patron.Status.ACTIVE),
        access.may_block_patron(user, active),
    ) == expected


def test_a_card_status_left_as_it_is_is_no_change(eastdesk, main_branch):
    blocked = PatronFactory(home_branch=main_branch, status=Patron.Status.BLOCKED)
    assert access.may_change_card_status(eastdesk, blocked, Patron.Status.BLOCKED)
