"""The review services (feedback/services/reviews.py) called directly: taking a request, every
step in order, every refusal with its message, the deadlines over weekends and closed days,
the letters and what is e-mailed, publishing and concurrent edits. The committee and the
recommendations: test_reviews_committee.py."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from feedback.models import Reply, ReviewRequest, ReviewStep
from feedback.services import review_letters, review_rules, reviews
from feedback.tests.factories import REVIEW_STEPS, review_in
from feedback.tests.review_fixtures import FRIDAY, NOTE, clock, committee, make, message_of  # noqa: F401 (fixtures)
from servicedesk.lib.workflow import EditConflict
from staff.models import ClosedDay

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
        "send_appeal_decision",
        "close",
    ]
    assert review.decided_by == director and review.decision == "retain"
    assert review.appeal_decision == "retain" and review.appeal_reasons == "I still object."
    assert review.replies.count() == 3
    assert review.version == 9


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
    "send_appeal_decision": lambda review, by: reviews.review_send_appeal_decision(
        review=review, by=by, version=review.version, channel="letter", body="B"
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


# The decision letter and the appeal window ----------------------------------------------------


def test_the_decision_letter_says_the_decision_the_reasons_and_the_last_day_to_appeal(
    make, director, clock, django_capture_on_commit_callbacks
):
    clock(FRIDAY)
    ClosedDay.objects.create(date=datetime.date(2026, 3, 20), name="Spring holiday")
    review = make("decided")
    draft = review_letters.decision_letter_draft(review, by=director)
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
    assert reply.body.startswith(draft) and reply.sent_to == "rosalind@example.org"
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
    reviews.review_send_appeal_decision(review=review, by=director, version=review.version, channel="letter", body="B")
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
    assert [body.split("\n")[0] for body in Reply.objects.values_list("body", flat=True)] == ["First"]
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
    # East's request under review is East's to tell: desk at Main may not see it.
    assert found == {earlier.pk: True}
    assert at_eastside.pk not in found
    assert too_old.pk not in found and other_author.pk not in found


def test_twelve_months_are_calendar_months():
    from feedback.selectors.reviews import months_before

    moment = datetime.datetime(2024, 2, 29, 12, tzinfo=datetime.UTC)
    assert months_before(moment, 12) == datetime.datetime(2023, 2, 28, 12, tzinfo=datetime.UTC)
    assert months_before(moment, 1) == datetime.datetime(2024, 1, 29, 12, tzinfo=datetime.UTC)
