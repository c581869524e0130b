import datetime

import factory
from django.utils import timezone

from feedback.models import Reviewer, ReviewRequest
from patrons.names import name_key
from staff.tests.factories import BranchFactory, UserFactory


class ReviewRequestFactory(factory.django.DjangoModelFactory):
    """A request as the desk takes it (received, not yet acknowledged)."""

    class Meta:
        model = ReviewRequest

    title = factory.Sequence(lambda n: f"The Book of Things {n}")
    title_key = factory.LazyAttribute(lambda review: name_key(review.title))
    creator = "A. Writer"
    branch = factory.SubFactory(BranchFactory)
    taken_by = factory.SubFactory(UserFactory)
    acknowledge_by = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    decide_by = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    requester_name = factory.Faker("name")
    requester_email = factory.Faker("email")
    concern = "Unsuitable for the children's section."
    whole_item = ReviewRequest.WholeItem.YES
    requested_action = ReviewRequest.Action.RELOCATE


class ReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reviewer

    review = factory.SubFactory(ReviewRequestFactory)
    reviewer = factory.SubFactory(UserFactory)


class ComplaintFactory(factory.django.DjangoModelFactory):
    """A new complaint taken at a service point, with its deadlines two and ten days ahead.
    Tests of the lifecycle go through feedback.services.complaints.complaint_take instead."""

    class Meta:
        model = "feedback.Complaint"

    service_point = factory.SubFactory("staff.tests.factories.ServicePointFactory")
    branch = factory.LazyAttribute(lambda complaint: complaint.service_point.branch)
    taken_by = factory.SubFactory(UserFactory)
    acknowledge_by = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=2))
    resolve_by = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    contact_name = factory.Faker("name")
    contact_email = factory.Faker("email")
    what_happened = "The printer ate my tax return and nobody helped."


REVIEW_STEPS = ["received", "acknowledged", "committee", "decided", "notified", "appealed", "appeal_decided", "appeal_notified",
                "closed"]


def review_in(status: str, *, by, taken_by, branch, reviewers=(), **fields) -> ReviewRequest:
    """A review request taken through the real services (feedback/services/reviews.py) up to `status`:
    `by` (a Director) runs every step; `reviewers` (three, by default settings) recommend
    "retain". For "closed" the appeal is heard first."""
    from feedback.services import reviews

    request = {
        "title": "The Book of Things",
        "creator": "A. Writer",
        "format": ReviewRequest.Format.BOOK,
        "requester_name": "Rosalind Quibble",
        "requester_email": "rosalind@example.org",
        "concern": "Unsuitable for the children's section.",
        "whole_item": ReviewRequest.WholeItem.YES,
        "requested_action": ReviewRequest.Action.RELOCATE,
        **fields,
    }
    review = reviews.review_take(by=taken_by, branch=branch, **request)
    steps = REVIEW_STEPS[1 : REVIEW_STEPS.index(status) + 1]
    for step in steps:
        version = review.version
        if step == "acknowledged":
            reviews.review_acknowledge(review=review, by=by, version=version, channel="letter", body="We have it.")
        elif step == "committee":
            reviews.review_assign_committee(review=review, by=by, version=version, reviewers=list(reviewers), chair=by)
        elif step == "decided":
            for row in review.reviewers.all():
                reviews.review_recommend(
                    reviewer=row, by=row.reviewer, version=row.version, read_whole_item=True,
                    consulted_reviews=True, recommendation="retain",
                )
            reviews.review_decide(review=review, by=by, version=version, decision="retain", reasons="It meets the policy.")
        elif step == "notified":
            reviews.review_send_decision(review=review, by=by, version=version, channel="letter", body="Our decision.")
        elif step == "appealed":
            reviews.review_appeal(review=review, by=by, version=version, reasons="I still object.")
        elif step == "appeal_decided":
            reviews.review_decide_appeal(review=review, by=by, version=version, decision="retain", reasons="Upheld.")
        elif step == "appeal_notified":
            reviews.review_send_appeal_decision(
                review=review, by=by, version=version, channel="letter", body="The appeal is decided."
            )
        elif step == "closed":
            reviews.review_close(review=review, by=by, version=version)
    review.refresh_from_db()
    return review


def review_form_data(**overrides) -> dict:
    """What the request form at /reviews/new/ posts, filled in."""
    data = {
        "title": "The Book of Things",
        "creator": "A. Writer",
        "format": "book",
        "identifier": "J 823 WRI",
        "requester_name": "Rosalind Quibble",
        "requester_email": "rosalind@example.org",
        "requester_phone": "",
        "requester_address": "",
        "represents": "self",
        "group_name": "",
        "concern": "Frightening for young children.",
        "concern_location": "Chapter 3",
        "whole_item": "partly",
        "effect": "Nightmares.",
        "aware_of_reviews": "",
        "requested_action": "relocate",
        "requested_action_other": "",
        "alternative_title": "",
        "patron_card": "",
    }
    data.update(overrides)
    return data


class CommentCardFactory(factory.django.DjangoModelFactory):
    """A new kiosk card. Tests of the triage go through feedback.services.cards instead where it matters."""

    class Meta:
        model = "feedback.CommentCard"

    branch = factory.SubFactory(BranchFactory)
    kind = "suggestion"
    source = "kiosk"
    comment = "More quiet study tables, please."
    name = factory.Faker("name")
    contact = factory.Faker("email")


class PurchaseSuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "feedback.PurchaseSuggestion"

    title = factory.Sequence(lambda n: f"A Novel {n}")
    creator = "B. Author"
    branch = factory.SubFactory(BranchFactory)
    taken_by = factory.SubFactory(UserFactory)
    contact_name = factory.Faker("name")
    contact = factory.Faker("email")
    tell_by = "email"
