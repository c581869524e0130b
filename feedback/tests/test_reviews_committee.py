"""The review committee and its recommendations (feedback/services/reviews.py) called
directly: who may sit on it, who chairs it, each reviewer's own recommendation, and the
decision that waits for them all."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from feedback.services import reviews
from feedback.tests.review_fixtures import NOTE, committee, make, message_of  # noqa: F401 (fixtures)
from servicedesk.lib.workflow import EditConflict
from staff import roles
from staff.models import LibrarySettings
from staff.tests.factories import UserFactory

# The committee --------------------------------------------------------------------------------


def test_a_committee_has_at_least_the_librarys_number_of_reviewers(make, director, desk, desk2):
    review = make("acknowledged")
    with pytest.raises(ValidationError) as refused:
        reviews.review_assign_committee(
            review=review, by=director, version=review.version, reviewers=[desk, desk2], chair=desk
        )
    assert refused.value.message_dict["reviewers"] == ["A committee has at least 3 reviewers: choose 1 more."]
    library = LibrarySettings.current()
    library.review_committee_size = 2
    library.save()
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
