"""Collection-review requests (requests for reconsideration): every write, and what a request
may do next.

The policy: "If a patron has concerns about an item in the collection, ask them to fill out
the appropriate form to begin the review process." The request is received and acknowledged,
a committee reads, views or listens to the whole item and recommends, the Director or the
committee's chair decides with written reasons, the requester is told, may appeal to the
Director within a window, and the request is closed. The item stays available throughout:
nothing here touches the catalogue.

Which step may follow which is the table in review_rules.py, and nowhere else; who may take a step
is staff/access/. Every step is a ReviewStep (who, when, an internal note); internal notes
never leave the app.
"""


import datetime
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from feedback.models import ReplyTemplate, Reviewer, ReviewRequest, ReviewStep
from feedback.services import retention
from feedback.services import review_letters as letters
from feedback.services.notify import directors
from feedback.services.review_rules import WORKFLOW, require
from patrons.names import name_key
from servicedesk.lib.workflow import EditConflict, advance, check, check_status, new_step, versioned_update
from staff import roles
from staff.access import serves_patrons
from staff.calendar import add_business_days
from staff.models import Branch, LibrarySettings

Status = ReviewRequest.Status

# What staff enter from the request form; the rest (keys, deadlines, status) follows.
REQUEST_FIELDS = (
    "title",
    "creator",
    "format",
    "identifier",
    "patron",
    "requester_name",
    "requester_email",
    "requester_phone",
    "requester_address",
    "represents",
    "group_name",
    "concern",
    "concern_location",
    "whole_item",
    "effect",
    "aware_of_reviews",
    "requested_action",
    "requested_action_other",
    "alternative_title",
)

# The steps ------------------------------------------------------------------------------------


@transaction.atomic
def review_take(
    *, by: User, branch: Branch, note: str = "", submission_key: uuid.UUID | None = None, **fields
) -> ReviewRequest:
    """Take a request for reconsideration down at the desk, for the patron (anyone who serves
    patrons may). The deadlines follow from the day it is received. The same form sent twice
    takes one request."""
    if not serves_patrons(by):
        raise PermissionDenied("Only staff who serve patrons take review requests.")
    if submission_key is not None:
        existing = ReviewRequest.objects.filter(submission_key=submission_key, taken_by=by).first()
        if existing is not None:
            return existing
    unknown = set(fields) - set(REQUEST_FIELDS)
    if unknown:
        raise ValueError(f"Not a field of the request form: {', '.join(sorted(unknown))}")
    library = LibrarySettings.current()
    received_at = timezone.now()
    received_on = timezone.localdate(received_at)
    review = ReviewRequest(
        **{name: value.strip() if isinstance(value, str) else value for name, value in fields.items()},
        branch=branch,
        taken_by=by,
        received_at=received_at,
        acknowledge_by=add_business_days(received_on, library.review_acknowledge_days),
        decide_by=received_on + datetime.timedelta(days=library.review_decision_days),
        submission_key=submission_key,
    )
    review.title_key = name_key(review.title)
    # Blank is allowed in the table for de-identification only.
    require("requester_name", review.requester_name, "Write the requester's name: the letters are addressed to them.")
    review.full_clean(exclude=["title_key", "branch", "taken_by", "patron", "chair", "decided_by", "submission_key"])
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError:
        # The same form, sent twice at the same moment: the other request took it.
        if submission_key is None:
            raise
        return ReviewRequest.objects.get(submission_key=submission_key, taken_by=by)
    new_step(WORKFLOW, review, by=by, action="received", note=note, to_status=review.status).save()
    return review


def review_acknowledge(
    *, review: ReviewRequest, by: User, version: int, channel: str, body: str, note: str = ""
) -> ReviewRequest:
    """Tell the requester the request is received and how it will be reviewed, within
    review_acknowledge_days business days."""
    check(WORKFLOW, review, "acknowledge", by=by, version=version)
    letters.check_reply(review, channel=channel, body=body)
    with transaction.atomic():
        advance(WORKFLOW, review, "acknowledge", by=by, version=version, note=note)
        letters.reply(review, by=by, channel=channel, body=body, kind=ReplyTemplate.Kind.REVIEW_ACKNOWLEDGE)
    return review


def committee_candidates():
    """Who may sit on a committee: active staff who serve patrons, at any branch."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=roles.SERVING)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def review_assign_committee(
    *, review: ReviewRequest, by: User, version: int, reviewers, chair, note: str = ""
) -> ReviewRequest:
    """At least review_committee_size reviewers, chosen among staff who serve patrons; the
    chair is one of them or the Director."""
    check(WORKFLOW, review, "assign_committee", by=by, version=version)
    reviewers = list(dict.fromkeys(reviewers))
    size = LibrarySettings.current().review_committee_size
    eligible = set(committee_candidates().filter(pk__in=[user.pk for user in reviewers]).values_list("pk", flat=True))
    ineligible = [user for user in reviewers if user.pk not in eligible]
    if ineligible:
        names = ", ".join(user.get_full_name() or user.username for user in ineligible)
        raise ValidationError({"reviewers": f"Only active staff who serve patrons can review; not {names}."})
    if len(reviewers) < size:
        raise ValidationError(
            {"reviewers": f"A committee has at least {size} reviewers: choose {size - len(reviewers)} more."}
        )
    if chair is None or (chair not in reviewers and not directors().filter(pk=chair.pk).exists()):
        raise ValidationError({"chair": "The chair is one of the reviewers, or the Director."})
    with transaction.atomic():
        advance(WORKFLOW, review, "assign_committee", by=by, version=version, note=note, chair=chair)
        review.chair = chair
        Reviewer.objects.bulk_create([Reviewer(review=review, reviewer=user) for user in reviewers])
        letters.notify(
            review,
            "committee assigned",
            f"You are on the committee reviewing {review.reference}: {letters.item(review)}.\n\n"
            "Read, view or listen to the whole item, consult professional reviews, and record your "
            f"recommendation on the request's page in the Service Desk (Reviews, {review.reference}). "
            f"The chair is {chair.get_full_name() or chair.username}; the decision is due by "
            f"{letters.long_date(review.decide_by)}.\n\nThe item stays available while it is under review.",
            reviewers,
        )
    return review


@transaction.atomic
def review_recommend(
    *,
    reviewer: Reviewer,
    by: User,
    version: int,
    read_whole_item: bool,
    consulted_reviews: bool,
    recommendation: str,
    comments: str = "",
) -> Reviewer:
    """A reviewer's own recommendation, only after reading, viewing or listening to the whole
    item. It may be changed until the decision. When the last reviewer recommends, the chair
    and the Director are told the request is ready for a decision."""
    review = reviewer.review
    if reviewer.reviewer_id != by.pk:
        raise PermissionDenied("Only the reviewer records their own recommendation.")
    if reviewer.version != version:
        raise EditConflict
    check_status(WORKFLOW, review, "recommend")
    if not read_whole_item:
        raise ValidationError(
            {
                "read_whole_item": "Read, view or listen to the whole item before recommending: the committee "
                "judges the item as a whole, not passages taken out of it."
            }
        )
    if recommendation not in ReviewRequest.Decision.values:
        raise ValidationError(
            {"recommendation": "Choose what you recommend: retain, relocate, reclassify or withdraw."}
        )
    first_time = not reviewer.recommendation
    changes = {
        "read_whole_item": read_whole_item,
        "consulted_reviews": consulted_reviews,
        "recommendation": recommendation,
        "comments": comments.strip(),
        "recorded_at": timezone.now(),
    }
    versioned_update(reviewer, version=version, **changes)
    new_step(WORKFLOW, review, by=by, action="recommend", from_status=review.status, to_status=review.status).save()
    if first_time and not review.reviewers.filter(recommendation="").exists():
        letters.notify(
            review,
            "ready for a decision",
            f"Every reviewer has recorded a recommendation on {review.reference}: {letters.item(review)}. "
            "The chair or the Director can now decide, with written reasons, on the request's page "
            f"in the Service Desk. The decision is due by {letters.long_date(review.decide_by)}.",
            [user for user in [review.chair] if user] + list(directors()),
        )
    return reviewer


@transaction.atomic
def review_decide(
    *, review: ReviewRequest, by: User, version: int, decision: str, reasons: str, note: str = ""
) -> ReviewRequest:
    """The Director or the committee's chair decides, with written reasons, once every
    reviewer has recommended."""
    check(WORKFLOW, review, "decide", by=by, version=version)
    waiting = [row for row in review.reviewers.select_related("reviewer") if not row.recommendation]
    if waiting or not review.reviewers.exists():
        names = ", ".join(row.reviewer.get_full_name() or row.reviewer.username for row in waiting)
        raise ValidationError(f"Every reviewer recommends before the decision; still waiting for: {names}.")
    if decision not in ReviewRequest.Decision.values:
        raise ValidationError({"decision": "Choose the decision: retain, relocate, reclassify or withdraw."})
    require("reasons", reasons, "Write the reasons for the decision: the requester receives them in the letter.")
    return advance(
        WORKFLOW,
        review,
        "decide",
        by=by,
        version=version,
        note=note,
        decision=decision,
        decision_reasons=reasons.strip(),
        decided_by=by,
        decided_at=timezone.now(),
    )


def review_send_decision(
    *, review: ReviewRequest, by: User, version: int, channel: str, body: str, note: str = ""
) -> ReviewRequest:
    """The decision letter, by e-mail or given by letter or in person. The appeal window runs
    review_appeal_days business days from the day it is sent."""
    check(WORKFLOW, review, "send_decision", by=by, version=version)
    letters.check_reply(review, channel=channel, body=body)
    now = timezone.now()
    with transaction.atomic():
        advance(
            WORKFLOW,
            review,
            "send_decision",
            by=by,
            version=version,
            note=note,
            notified_at=now,
            appeal_by=letters.appeal_deadline(timezone.localdate(now)),
        )
        letters.reply(review, by=by, channel=channel, body=body, kind=ReplyTemplate.Kind.REVIEW_DECISION)
    return review


def review_appeal(*, review: ReviewRequest, by: User, version: int, reasons: str, note: str = "") -> ReviewRequest:
    """The requester's appeal to the Director, with their grounds, within the window."""
    check(WORKFLOW, review, "appeal", by=by, version=version)
    if timezone.localdate() > review.appeal_by:
        raise ValidationError(
            f"The appeal window ended on {letters.long_date(review.appeal_by)}: an appeal can no longer be recorded. "
            "The request can be closed.",
            code="appeal_window",
        )
    require("reasons", reasons, "Write the requester's grounds for the appeal, as they gave them.")
    with transaction.atomic():
        advance(WORKFLOW, review, "appeal", by=by, version=version, note=note, appeal_reasons=reasons.strip())
        letters.notify(
            review,
            "appeal received",
            f"The requester has appealed against the decision on {review.reference}: {letters.item(review)}. "
            "The Director decides the appeal on the request's page in the Service Desk.",
            directors(),
        )
    return review


@transaction.atomic
def review_decide_appeal(
    *, review: ReviewRequest, by: User, version: int, decision: str, reasons: str, note: str = ""
) -> ReviewRequest:
    """The Director's decision on the appeal is the last word in the app; a further appeal to
    the board is recorded as a note when the request is closed."""
    check(WORKFLOW, review, "decide_appeal", by=by, version=version)
    if decision not in ReviewRequest.Decision.values:
        raise ValidationError({"decision": "Choose the decision: retain, relocate, reclassify or withdraw."})
    require("reasons", reasons, "Write the reasons for the decision on the appeal.")
    now = timezone.now()
    return advance(
        WORKFLOW,
        review,
        "decide_appeal",
        by=by,
        version=version,
        note=note,
        appeal_decision=decision,
        appeal_decision_reasons=reasons.strip(),
        appeal_decided_at=now,
        appeal_letter_by=letters.appeal_letter_deadline(timezone.localdate(now)),
    )


def review_send_appeal_decision(
    *, review: ReviewRequest, by: User, version: int, channel: str, body: str, note: str = ""
) -> ReviewRequest:
    """The letter telling the requester the Director's decision on their appeal, by e-mail or
    given by letter or in person, due review_appeal_letter_days business days after it."""
    check(WORKFLOW, review, "send_appeal_decision", by=by, version=version)
    letters.check_reply(review, channel=channel, body=body)
    with transaction.atomic():
        advance(
            WORKFLOW, review, "send_appeal_decision", by=by, version=version, note=note, appeal_notified_at=timezone.now()
        )
        letters.reply(review, by=by, channel=channel, body=body, kind=ReplyTemplate.Kind.REVIEW_APPEAL_DECISION)
    return review


@transaction.atomic
def review_close(*, review: ReviewRequest, by: User, version: int, board_note: str = "", note: str = "") -> ReviewRequest:
    """Closed once the appeal window has passed without an appeal, or once the requester has
    had the decision on their appeal."""
    check(WORKFLOW, review, "close", by=by, version=version)
    if review.status == Status.NOTIFIED and timezone.localdate() <= review.appeal_by:
        raise ValidationError(
            f"The appeal window is open until {letters.long_date(review.appeal_by)}: close the request after that, "
            "or record the appeal.",
            code="appeal_window",
        )
    return advance(WORKFLOW, review, "close", by=by, version=version, note=note, board_note=board_note.strip())


@transaction.atomic
def review_publish(*, review: ReviewRequest, by: User, version: int, published: bool = True, note: str = "") -> ReviewRequest:
    """Put the decision on the public list of decisions (or take it off): the item and the
    decision with its reasons, never the requester."""
    action = "publish" if published else "unpublish"
    return advance(WORKFLOW, review, action, by=by, version=version, note=note, published=published)


# Retention ------------------------------------------------------------------------------------


def reviews_to_deidentify(*, before: datetime.datetime):
    """Requests closed before `before` that still name their requester."""
    closed_before = ReviewStep.objects.filter(to_status=Status.CLOSED, at__lt=before).values("review")
    return ReviewRequest.objects.filter(status=Status.CLOSED, deidentified_at__isnull=True, pk__in=closed_before)


@transaction.atomic
def reviews_deidentify(*, before: datetime.datetime) -> int:
    """The requester's identity goes (patron link, name, contact, group) with every free text
    of the request and its timeline: the concern in their words, the reasons, the appeal,
    the committee's comments, the steps' notes and the letters. The item, the decisions and
    the dates stay, so the public list still says what was decided about which item. ("All
    interactions between a patron and the library are confidential.")"""
    pks = list(reviews_to_deidentify(before=before).values_list("pk", flat=True))
    return retention.deidentify(ReviewRequest, pks, patron=None)
