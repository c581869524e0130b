"""The review services (feedback/services/reviews.py) called directly: every step, every refusal with
its message, the deadlines over weekends and closed days, and what is e-mailed."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from feedback.models import Reply, ReviewRequest, ReviewStep
from feedback.services import review_letters, review_rules, reviews
from feedback.tests.factories import REVIEW_STEPS, review_in
from servicedesk.lib.workflow import EditConflict
from staff import roles
from staff.models import ClosedDay, LibrarySettings
from staff.tests.factories import UserFactory

FRIDAY = datetime.datetime(2026, 3, 6, 10, 0, tzinfo=datetime.UTC)
NOTE = "Internal: the requester was shouting"


@pytest.fixture
def clock(monkeypatch):
    """Set the time the services see (and so "today")."""

    def at(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return at


@pytest.fixture
def committee(desk, desk2, supervisor):
    for user, address in ((desk, "desk@example.org"), (desk2, "desk2@example.org"), (supervisor, "sup@example.org")):
        user.email = address
        user.save()
    return [desk, desk2, supervisor]


@pytest.fixture
def make(director, desk, main_branch, committee):
    director.email = "director@example.org"
    director.save()

    def make_review(status="received", **fields):
        return review_in(status, by=director, taken_by=desk, branch=main_branch, reviewers=committee, **fields)

    return make_review


def message_of(error: ValidationError) -> str:
    return " ".join(error.messages)


# Taking the request ---------------------------------------------------------------------------


def test_a_request_taken_on_a_friday_is_acknowledged_within_five_business_days(clock, desk, main_branch, make):
    clock(FRIDAY)
    ClosedDay.objects.create(date=datetime.date(2026, 3, 9), name="Staff day")
    review = make()
    assert review.status == ReviewRequest.Status.RECEIVED
    # Five business days: Tue 10 .. Fri 13 is four, the closed Monday does not count: Monday 16.
    assert review.acknowledge_by == datetime.date(2026, 3, 16)
    assert review.decide_by == datetime.date(2026, 5, 5)
    assert review.title_key == "the book of things"
    assert list(review.steps.values_list("action", "to_status")) == [("received", "received")]


def test_the_requester_is_required_and_the_form_rules_hold(desk, main_branch):
    base = {"title": "T", "concern": "C", "whole_item": "yes", "requested_action": "withdraw"}
    with pytest.raises(ValidationError) as refused:
        reviews.review_take(by=desk, branch=main_branch, requester_name=" ", **base)
    assert "Write the requester's name" in message_of(refused.value)
    with pytest.raises(ValidationError) as refused:
        reviews.review_take(
            by=desk, branch=main_branch, requester_name="R", represents="group", **{**base, "requested_action": "other"}
        )
    assert set(refused.value.message_dict) == {"group_name", "requested_action_other"}
    assert not ReviewRequest.objects.exists()


def test_only_staff_who_serve_patrons_take_a_request(itadmin, main_branch):
    with pytest.raises(PermissionDenied):
        reviews.review_take(
            by=itadmin,
            branch=main_branch,
            title="T",
            requester_name="R",
            concern="C",
            whole_item="yes",
            requested_action="withdraw",
        )


# Every step, in order -------------------------------------------------------------------------


def test_the_whole_review_from_request_to_closing(make, director):
    review = make("closed")
    assert [step.action for step in review.steps.all()] == [
        "received",
        "acknowledge",
        "assign_committee",
        "recommend",
        "recommend",
        "recommend",
        "decide",
        "send_decision",
        "appeal",
        "decide_appeal",
        "close",
    ]
    assert review.decided_by == director and review.decision == "retain"
    assert review.appeal_decision == "retain" and review.appeal_reasons == "I still object."
    assert review.replies.count() == 2
    assert review.version == 8


ACTIONS = {
    "acknowledge": lambda review, by: reviews.review_acknowledge(
        review=review, by=by, version=review.version, channel="letter", body="B"
    ),
    "assign_committee": lambda review, by: reviews.review_assign_committee(
        review=review, by=by, version=review.version, reviewers=[], chair=by
    ),
    "decide": lambda review, by: reviews.review_decide(
        review=review, by=by, version=review.version, decision="retain", reasons="R"
    ),
    "send_decision": lambda review, by: reviews.review_send_decision(
        review=review, by=by, version=review.version, channel="letter", body="B"
    ),
    "appeal": lambda review, by: reviews.review_appeal(review=review, by=by, version=review.version, reasons="R"),
    "decide_appeal": lambda review, by: reviews.review_decide_appeal(
        review=review, by=by, version=review.version, decision="retain", reasons="R"
    ),
    "close": lambda review, by: reviews.review_close(review=review, by=by, version=review.version),
    "publish": lambda review, by: reviews.review_publish(review=review, by=by, version=review.version),
}


OUT_OF_ORDER = [
    (status, action)
    for status in REVIEW_STEPS
    for action in ACTIONS
    if status not in review_rules.WORKFLOW[action].sources
]


@pytest.mark.parametrize("status, action", OUT_OF_ORDER)
def test_a_step_out_of_order_is_refused_saying_why_and_what_comes_next(make, director, status, action):
    review = make(status)
    with pytest.raises(ValidationError) as refused:
        ACTIONS[action](review, director)
    message = message_of(refused.value)
    assert review_rules.WORKFLOW[action].not_now.removesuffix(review_rules.NOW) in message
    assert f"{review.reference} is “{review.get_status_display()}”" in message
    assert f"Next: {review_rules.NEXT_STEP[status]}" in message
    review.refresh_from_db()
    assert review.status == status


def test_the_acknowledgment_by_e_mail_goes_to_the_requester_with_a_subject_without_their_name(
    make, director, django_capture_on_commit_callbacks
):
    review = make()
    with django_capture_on_commit_callbacks(execute=True):
        reviews.review_acknowledge(
            review=review,
            by=director,
            version=review.version,
            channel="email",
            body=review_letters.acknowledgment_draft(review),
            note=NOTE,
        )
    [sent] = mail.outbox
    assert sent.to == ["rosalind@example.org"]
    assert sent.subject == f"Your request for reconsideration (reference {review.reference})"
    assert "Dear Rosalind Quibble" in sent.body and "stays available" in sent.body
    assert NOTE not in sent.body
    reply = Reply.objects.get(review=review)
    assert (reply.channel, reply.sent_to, reply.by) == ("email", "rosalind@example.org", director)
    assert review.steps.get(action="acknowledge").note == NOTE


def test_no_e_mail_address_no_e_mail(make, director):
    review = make(requester_email="")
    with pytest.raises(ValidationError) as refused:
        reviews.review_acknowledge(review=review, by=director, version=review.version, channel="email", body="B")
    assert "no e-mail address" in message_of(refused.value)
    review.refresh_from_db()
    assert review.status == "received" and not review.replies.exists()


def test_desk_staff_do_not_run_the_review_steps(make, desk):
    review = make()
    with pytest.raises(PermissionDenied):
        ACTIONS["acknowledge"](review, desk)


# The committee --------------------------------------------------------------------------------


def test_a_committee_has_at_least_the_librarys_number_of_reviewers(make, director, desk, desk2):
    review = make("acknowledged")
    with pytest.raises(ValidationError) as refused:
        reviews.review_assign_committee(
            review=review, by=director, version=review.version, reviewers=[desk, desk2], chair=desk
        )
    assert refused.value.message_dict["reviewers"] == ["A committee has at least 3 reviewers: choose 1 more."]
    LibrarySettings.objects.filter(pk=1).update(review_committee_size=2)
    reviews.review_assign_committee(
        review=review, by=director, version=review.version, reviewers=[desk, desk2], chair=desk
    )
    assert review.status == "committee" and review.reviewers.count() == 2


def test_reviewers_are_active_staff_who_serve_patrons(make, director, desk, desk2, itadmin):
    review = make("acknowledged")
    gone = UserFactory(username="gone", roles=[roles.DESK], is_active=False)
    with pytest.raises(ValidationError) as refused:
        reviews.review_assign_committee(
            review=review, by=director, version=review.version, reviewers=[desk, desk2, itadmin, gone], chair=desk
        )
    assert "Only active staff who serve patrons can review" in message_of(refused.value)
    assert not review.reviewers.exists()


def test_the_chair_is_a_reviewer_or_the_director(make, director, committee, eastdesk):
    review = make("acknowledged")
    with pytest.raises(ValidationError) as refused:
        reviews.review_assign_committee(
            review=review, by=director, version=review.version, reviewers=committee, chair=eastdesk
        )
    assert refused.value.message_dict["chair"] == ["The chair is one of the reviewers, or the Director."]
    reviews.review_assign_committee(
        review=review, by=director, version=review.version, reviewers=committee, chair=committee[1]
    )
    assert review.chair == committee[1]


def test_reviewers_are_told_by_e_mail_without_the_requester_or_the_note(
    make, director, committee, django_capture_on_commit_callbacks
):
    review = make("acknowledged")
    with django_capture_on_commit_callbacks(execute=True):
        reviews.review_assign_committee(
            review=review, by=director, version=review.version, reviewers=committee, chair=director, note=NOTE
        )
    [sent] = mail.outbox
    assert sent.subject == f"Review {review.reference}: committee assigned"
    assert sorted(sent.to) == ["desk2@example.org", "desk@example.org", "sup@example.org"]
    assert "The Book of Things" in sent.body
    assert f"http://127.0.0.1:8000/reviews/{review.pk}/" in sent.body
    for secret in ("Rosalind", "Quibble", "rosalind@example.org", NOTE, "Unsuitable"):
        assert secret not in sent.body and secret not in sent.subject


# Recommendations ------------------------------------------------------------------------------


def recommend(row, **overrides):
    values = {"read_whole_item": True, "consulted_reviews": True, "recommendation": "retain", "comments": ""}
    return reviews.review_recommend(reviewer=row, by=row.reviewer, version=row.version, **{**values, **overrides})


def test_a_reviewer_who_has_not_read_the_whole_item_cannot_recommend(make):
    row = make("committee").reviewers.first()
    with pytest.raises(ValidationError) as refused:
        recommend(row, read_whole_item=False)
    assert "Read, view or listen to the whole item before recommending" in message_of(refused.value)
    row.refresh_from_db()
    assert row.recommendation == ""


def test_recommendations_end_with_the_decision(make):
    review = make("decided")
    row = review.reviewers.first()
    with pytest.raises(ValidationError) as refused:
        recommend(row, recommendation="withdraw")
    assert "Reviewers recommend while the committee is reviewing" in message_of(refused.value)


def test_only_the_reviewer_records_their_recommendation(make, director):
    row = make("committee").reviewers.first()
    with pytest.raises(PermissionDenied):
        reviews.review_recommend(
            reviewer=row,
            by=director,
            version=row.version,
            read_whole_item=True,
            consulted_reviews=True,
            recommendation="retain",
        )


def test_a_recommendation_can_be_changed_but_not_from_an_older_copy(make):
    row = make("committee").reviewers.first()
    opened = row.version
    recommend(row, recommendation="relocate")
    recommend(row, recommendation="retain", comments="Changed my mind")
    row.refresh_from_db()
    assert (row.recommendation, row.comments, row.version) == ("retain", "Changed my mind", opened + 2)
    with pytest.raises(EditConflict):
        reviews.review_recommend(
            reviewer=row,
            by=row.reviewer,
            version=opened,
            read_whole_item=True,
            consulted_reviews=False,
            recommendation="withdraw",
        )
    row.refresh_from_db()
    assert row.recommendation == "retain"


def test_the_decision_waits_for_every_reviewer(make, director, committee):
    review = make("committee")
    rows = list(review.reviewers.select_related("reviewer"))
    recommend(rows[0])
    with pytest.raises(ValidationError) as refused:
        reviews.review_decide(review=review, by=director, version=review.version, decision="retain", reasons="R")
    message = message_of(refused.value)
    assert "Every reviewer recommends before the decision" in message
    assert rows[1].reviewer.get_full_name() in message and rows[0].reviewer.get_full_name() not in message
    review.refresh_from_db()
    assert review.status == "committee"


def test_when_the_last_reviewer_recommends_the_chair_and_the_director_are_told(
    make, director, committee, django_capture_on_commit_callbacks
):
    review = make("acknowledged")
    reviews.review_assign_committee(
        review=review, by=director, version=review.version, reviewers=committee, chair=committee[0]
    )
    rows = list(review.reviewers.all())
    with django_capture_on_commit_callbacks(execute=True):
        recommend(rows[0])
        recommend(rows[1])
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        recommend(rows[2])
        recommend(rows[2], recommendation="relocate")
    [sent] = mail.outbox
    assert sent.subject == f"Review {review.reference}: ready for a decision"
    assert sorted(sent.to) == ["desk@example.org", "director@example.org"]


def test_the_chair_decides_and_other_reviewers_do_not(make, director, committee):
    review = make("acknowledged")
    reviews.review_assign_committee(
        review=review, by=director, version=review.version, reviewers=committee, chair=committee[1]
    )
    for row in review.reviewers.all():
        recommend(row)
    with pytest.raises(PermissionDenied):
        reviews.review_decide(review=review, by=committee[0], version=review.version, decision="retain", reasons="R")
    reviews.review_decide(
        review=review, by=committee[1], version=review.version, decision="reclassify", reasons="Teen shelf."
    )
    assert (review.status, review.decided_by) == ("decided", committee[1])


def test_a_decision_needs_written_reasons(make, director):
    review = make("committee")
    for row in review.reviewers.all():
        recommend(row)
    with pytest.raises(ValidationError) as refused:
        reviews.review_decide(review=review, by=director, version=review.version, decision="retain", reasons="  ")
    assert "Write the reasons" in refused.value.message_dict["reasons"][0]


# The decision letter and the appeal window ----------------------------------------------------


def test_the_decision_letter_says_the_decision_the_reasons_and_the_last_day_to_appeal(
    make, director, clock, django_capture_on_commit_callbacks
):
    clock(FRIDAY)
    ClosedDay.objects.create(date=datetime.date(2026, 3, 20), name="Spring holiday")
    review = make("decided")
    draft = review_letters.decision_letter_draft(review)
    assert "Dear Rosalind Quibble" in draft
    assert "Our decision is to keep the item" in draft and "It meets the policy." in draft
    # Ten business days from Friday 6 March, over two weekends and the closed Friday 20: Monday 23.
    assert "by Monday 23 March 2026" in draft
    with django_capture_on_commit_callbacks(execute=True):
        reviews.review_send_decision(
            review=review, by=director, version=review.version, channel="email", body=draft, note=NOTE
        )
    assert review.appeal_by == datetime.date(2026, 3, 23)
    assert review.notified_at == FRIDAY and review.status == "notified"
    reply = review.replies.latest("pk")
    assert reply.body == draft and reply.sent_to == "rosalind@example.org"
    [sent] = mail.outbox
    assert sent.subject == f"The decision on your request for reconsideration (reference {review.reference})"
    assert NOTE not in sent.body and "Rosalind" not in sent.subject


def test_an_appeal_is_recorded_until_the_last_day_of_the_window_and_refused_after(
    make, director, clock, django_capture_on_commit_callbacks
):
    clock(FRIDAY)
    review = make("notified")
    assert review.appeal_by == datetime.date(2026, 3, 20)
    clock(datetime.datetime(2026, 3, 21, 9, tzinfo=datetime.UTC))
    with pytest.raises(ValidationError) as refused:
        reviews.review_appeal(review=review, by=director, version=review.version, reasons="R")
    assert message_of(refused.value) == (
        "The appeal window ended on Friday 20 March 2026: an appeal can no longer be recorded. "
        "The request can be closed."
    )
    clock(datetime.datetime(2026, 3, 20, 16, tzinfo=datetime.UTC))
    with django_capture_on_commit_callbacks(execute=True):
        reviews.review_appeal(review=review, by=director, version=review.version, reasons="I object.", note=NOTE)
    assert review.status == "appealed" and review.appeal_reasons == "I object."
    [sent] = mail.outbox
    assert sent.subject == f"Review {review.reference}: appeal received" and sent.to == ["director@example.org"]
    assert NOTE not in sent.body and "I object" not in sent.body


def test_a_request_is_closed_only_after_the_appeal_window(make, director, clock):
    clock(FRIDAY)
    review = make("notified")
    with pytest.raises(ValidationError) as refused:
        reviews.review_close(review=review, by=director, version=review.version)
    assert "The appeal window is open until Friday 20 March 2026" in message_of(refused.value)
    clock(datetime.datetime(2026, 3, 23, 9, tzinfo=datetime.UTC))
    reviews.review_close(review=review, by=director, version=review.version, board_note="")
    assert review.status == "closed"


def test_only_the_director_decides_an_appeal_and_the_board_step_is_a_note(make, director, supervisor):
    review = make("appealed")
    with pytest.raises(PermissionDenied):
        reviews.review_decide_appeal(
            review=review, by=supervisor, version=review.version, decision="withdraw", reasons="R"
        )
    reviews.review_decide_appeal(
        review=review, by=director, version=review.version, decision="relocate", reasons="Adult shelf."
    )
    reviews.review_close(review=review, by=director, version=review.version, board_note="Board upheld on 2 May.")
    review.refresh_from_db()
    assert (review.appeal_decision, review.board_note, review.status) == (
        "relocate",
        "Board upheld on 2 May.",
        "closed",
    )


# Publishing, concurrent edits -----------------------------------------------------------------


def test_only_the_director_publishes_and_only_after_the_letter(make, director, supervisor):
    review = make("notified")
    with pytest.raises(PermissionDenied):
        reviews.review_publish(review=review, by=supervisor, version=review.version)
    reviews.review_publish(review=review, by=director, version=review.version)
    assert review.published
    reviews.review_publish(review=review, by=director, version=review.version, published=False)
    review.refresh_from_db()
    assert not review.published
    assert list(review.steps.filter(action__contains="publish").values_list("action", flat=True)) == [
        "publish",
        "unpublish",
    ]


def test_two_supervisors_at_once_the_second_is_refused_and_nothing_of_theirs_is_saved(make, director, supervisor):
    review = make()
    opened = review.version
    second_copy = ReviewRequest.objects.get(pk=review.pk)
    reviews.review_acknowledge(review=review, by=director, version=opened, channel="letter", body="First")
    with pytest.raises(EditConflict):
        reviews.review_acknowledge(review=second_copy, by=supervisor, version=opened, channel="letter", body="Second")
    assert list(Reply.objects.values_list("body", flat=True)) == ["First"]
    assert ReviewStep.objects.filter(action="acknowledge").count() == 1


# A title reviewed lately ----------------------------------------------------------------------


def test_a_title_reviewed_in_the_last_twelve_months_is_flagged(make, director, desk, eastdesk, east_branch, clock):
    from feedback.selectors.reviews import earlier_reviews_of

    clock(datetime.datetime(2025, 3, 1, 10, tzinfo=datetime.UTC))
    too_old = make("decided", title="The Book of Things")
    clock(datetime.datetime(2025, 4, 1, 10, tzinfo=datetime.UTC))
    earlier = make("decided", title="THE BOOK—OF THINGS.")
    other_author = make(title="The Book of Things", creator="Someone Else")
    clock(datetime.datetime(2025, 5, 1, 10, tzinfo=datetime.UTC))
    at_eastside = review_in(
        "received", by=director, taken_by=eastdesk, branch=east_branch, title="The Böok of Things", creator=""
    )
    clock(datetime.datetime(2026, 3, 6, 10, tzinfo=datetime.UTC))
    new = make(title="the book of things ", creator="a. writer")

    found = {item.review.pk: item.visible for item in earlier_reviews_of(new, viewer=desk, months=12)}
    assert found == {earlier.pk: True, at_eastside.pk: False}
    assert too_old.pk not in found and other_author.pk not in found


def test_twelve_months_are_calendar_months():
    from feedback.selectors.reviews import months_before

    moment = datetime.datetime(2024, 2, 29, 12, tzinfo=datetime.UTC)
    assert months_before(moment, 12) == datetime.datetime(2023, 2, 28, 12, tzinfo=datetime.UTC)
    assert months_before(moment, 1) == datetime.datetime(2024, 1, 29, 12, tzinfo=datetime.UTC)
