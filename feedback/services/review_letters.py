"""What a collection-review requester is told (the acknowledgment and the decision letter,
drafted from the library's editable templates), and what staff are told by e-mail. Subjects
name a request by its reference only; internal notes never leave the app."""

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from feedback.models import Reply, ReplyChannel, ReplyTemplate, ReviewRequest
from feedback.services import letter_rules
from feedback.services.notify import (
    PATRON,
    STAFF,
    email_after_commit,
    fill,
    reply_template,
    signed,
    site_url,
    staff_emails,
    template_subject,
)
from feedback.services.review_rules import require
from staff.access import is_director
from staff.calendar import add_business_days
from staff.models import LibrarySettings

# What the decision letter says for each decision ({decision} in the letter).
DECISION_SENTENCES = {
    ReviewRequest.Decision.RETAIN: "Our decision is to keep the item in the collection where it is.",
    ReviewRequest.Decision.RELOCATE: "Our decision is to move the item to another part of the library.",
    ReviewRequest.Decision.RECLASSIFY: "Our decision is to reclassify the item.",
    ReviewRequest.Decision.WITHDRAW: "Our decision is to withdraw the item from the collection.",
}


def long_date(day: datetime.date) -> str:
    return date_format(day, "l j F Y")


def _values(review: ReviewRequest) -> dict:
    """The placeholders every review letter has (a decision letter adds its own)."""
    return {"name": review.requester_name, "reference": review.reference, "branch": review.branch.letter_name}


def subject(template: ReplyTemplate, review: ReviewRequest) -> str:
    return template_subject(template, **_values(review))


def acknowledgment_draft(review: ReviewRequest) -> str:
    template = reply_template(ReplyTemplate.Kind.REVIEW_ACKNOWLEDGE)
    return fill(template.body, **_values(review))


def appeal_deadline(sent_on: datetime.date) -> datetime.date:
    return add_business_days(sent_on, LibrarySettings.current().review_appeal_days)


def next_step(review: ReviewRequest, *, by: User, appeal_by: str) -> str:
    """What the requester may do after the decision letter: appeal to the Director, unless
    the Director made the decision or sends the letter, when they may ask for it to be
    reconsidered (never "appeal to the Library Director" from the Director herself)."""
    directors = is_director(by) or (review.decided_by is not None and is_director(review.decided_by))
    sentence = letter_rules.ASK_DIRECTOR_AGAIN if directors else letter_rules.APPEAL_TO_DIRECTOR
    return fill(sentence, appeal_by=appeal_by)


def decision_letter_draft(review: ReviewRequest, *, by: User) -> str:
    """The decision letter as `by` would send it today: the appeal window runs from the day
    it is sent."""
    template = reply_template(ReplyTemplate.Kind.REVIEW_DECISION)
    appeal_by = long_date(appeal_deadline(timezone.localdate()))
    return fill(
        template.body,
        **_values(review),
        decision=DECISION_SENTENCES.get(review.decision, ""),
        reasons=review.decision_reasons,
        next_step=next_step(review, by=by, appeal_by=appeal_by),
        appeal_by=appeal_by,
    )


def appeal_letter_deadline(decided_on: datetime.date) -> datetime.date:
    return add_business_days(decided_on, LibrarySettings.current().review_appeal_letter_days)


def appeal_decision_letter_draft(review: ReviewRequest) -> str:
    """The letter with the Director's decision on the appeal, and its reasons."""
    template = reply_template(ReplyTemplate.Kind.REVIEW_APPEAL_DECISION)
    return fill(
        template.body,
        **_values(review),
        decision=DECISION_SENTENCES.get(review.appeal_decision, ""),
        reasons=review.appeal_decision_reasons,
    )


def check_reply(review: ReviewRequest, *, channel: str, body: str) -> None:
    require("body", body, "Write the letter: it is what the requester receives.")
    letter_rules.require_written(body, field="body")
    if channel not in ReplyChannel.values:
        raise ValidationError({"channel": "Choose how the requester is told: e-mail, letter, in person or phone."})
    if channel == ReplyChannel.EMAIL and not review.requester_email:
        raise ValidationError(
            {"channel": "The request has no e-mail address: give it by letter, in person or by phone."}
        )


def reply(review: ReviewRequest, *, by: User, channel: str, body: str, kind: str) -> Reply:
    """Record what the requester was told and how, signed; by e-mail, send it once the step is
    saved."""
    email = review.requester_email if channel == ReplyChannel.EMAIL else ""
    body = signed(body, by=by, branch=review.branch)
    reply = Reply.objects.create(review=review, channel=channel, body=body, sent_to=email, by=by)
    if email:
        template = reply_template(kind)
        email_after_commit(subject=subject(template, review), body=body, to=[email], role=PATRON, branch=review.branch)
    return reply


# Notifications to staff: subjects name the request by reference only -------------------------



def notify(review: ReviewRequest, what: str, body: str, users) -> None:
    link = site_url(reverse("reviews:detail", args=[review.pk]))
    email_after_commit(
        subject=f"Review {review.reference}: {what}", body=f"{body}\n\n{link}", to=staff_emails(users), role=STAFF,
        branch=review.branch,
    )


def item(review: ReviewRequest) -> str:
    by_whom = f" by {review.creator}" if review.creator else ""
    return f"“{review.title}”{by_whom} ({review.get_format_display()})"
