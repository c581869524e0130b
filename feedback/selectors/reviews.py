"""Reads of collection-review requests, each starting from what the viewer may see
(staff.access.review_scope), so the queue, the request page and its printable pages
can never disagree about scope."""

import calendar
import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import BooleanField, Case, Count, Prefetch, Q, QuerySet, When
from django.utils import timezone

from feedback.models import Reviewer, ReviewRequest
from patrons.names import name_key
from staff import access
from staff.confidential import get_visible_or_404

Status = ReviewRequest.Status

# Still waiting for the decision: these count against decide_by.
UNDECIDED = (Status.RECEIVED, Status.ACKNOWLEDGED, Status.COMMITTEE)
DECIDED = (
    Status.DECIDED, Status.NOTIFIED, Status.APPEALED, Status.APPEAL_DECIDED, Status.APPEAL_NOTIFIED, Status.CLOSED
)


def overdue_q(today: datetime.date) -> Q:
    """Not acknowledged by acknowledge_by, not decided by decide_by, or the appeal decided
    and the requester not told by appeal_letter_by."""
    return (
        Q(status=Status.RECEIVED, acknowledge_by__lt=today)
        | Q(status__in=UNDECIDED, decide_by__lt=today)
        | Q(status=Status.APPEAL_DECIDED, appeal_letter_by__lt=today)
    )


def is_overdue(review: ReviewRequest, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        (review.status == Status.RECEIVED and review.acknowledge_by < today)
        or (review.status in UNDECIDED and review.decide_by < today)
        or (review.status == Status.APPEAL_DECIDED and review.appeal_letter_by < today)
    )


def reviews_visible_to(viewer: User) -> QuerySet[ReviewRequest]:
    """Every request the viewer may see (staff.access.review_scope), one row per request
    whatever the joins of the scope (a committee member's rows)."""
    return ReviewRequest.objects.filter(pk__in=ReviewRequest.objects.filter(access.review_scope(viewer)).values("pk"))


def get_review_for(viewer: User, pk: int, *, may=None) -> ReviewRequest:
    """The request, if the viewer may see it (and, with `may`, a staff.access predicate, take
    that step on it); otherwise 404, exactly as for one that does not exist. An attempt on one
    outside the viewer's scope goes into the access record."""
    return get_visible_or_404(
        viewer,
        reviews_visible_to(viewer)
        .select_related("branch", "taken_by", "chair", "patron", "decided_by")
        .prefetch_related(Prefetch("reviewers", queryset=Reviewer.objects.select_related("reviewer"))),
        pk,
        may=may,
        message="No review request here.",
    )


def review_queue(*, viewer: User, status: str = "", overdue: bool = False, mine: bool = False, newest_first: bool = False):
    """The queue: the viewer's requests with the filters of the queue page, oldest first
    unless asked otherwise; each row knows whether it is overdue."""
    today = timezone.localdate()
    reviews = reviews_visible_to(viewer)
    if status:
        reviews = reviews.filter(status=status)
    if overdue:
        reviews = reviews.filter(overdue_q(today))
    if mine:
        mine_ids = ReviewRequest.objects.filter(Q(taken_by=viewer) | Q(reviewers__reviewer=viewer)).values("pk")
        reviews = reviews.filter(pk__in=mine_ids)
    order = ("-received_at", "-pk") if newest_first else ("received_at", "pk")
    return (
        reviews.select_related("branch")
        .annotate(overdue=Case(When(overdue_q(today), then=True), default=False, output_field=BooleanField()))
        .only(
            "title",
            "creator",
            "format",
            "branch__name",
            "status",
            "received_at",
            "acknowledge_by",
            "decide_by",
            "appeal_by",
            "appeal_letter_by",
            "taken_by_id",
        )
        .order_by(*order)
    )


def review_counts(*, viewer: User) -> dict:
    """How many of the viewer's requests are in each status, and how many are overdue: one query."""
    today = timezone.localdate()
    counts = reviews_visible_to(viewer).aggregate(
        overdue=Count("pk", filter=overdue_q(today)),
        **{value: Count("pk", filter=Q(status=value)) for value in Status.values},
    )
    return {
        "by_status": [(value, label, counts[value]) for value, label in Status.choices],
        "overdue": counts["overdue"],
        "total": sum(counts[value] for value in Status.values),
    }


def my_reviewer_row(review: ReviewRequest, viewer: User) -> Reviewer | None:
    return next((row for row in review.reviewers.all() if row.reviewer_id == viewer.pk), None)


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and time `months` calendar months earlier (the month's last day if shorter)."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


@dataclass(frozen=True)
class EarlierReview:
    review: ReviewRequest
    visible: bool


def earlier_reviews_of(review: ReviewRequest, *, viewer: User, months: int) -> list[EarlierReview]:
    """Other requests about the same title (and creator, when both name one) received within
    `months` (review_recent_months) before this one: a new request for a title reviewed lately is
    flagged. Only what the viewer may see anyway: the requests of their scope
    (reviews_visible_to), linked, and the decisions the Director has published. That another
    branch has a request under review, or an unpublished decision, is that branch's to tell."""
    since = months_before(review.received_at, months)
    candidates = (
        ReviewRequest.objects.filter(
            title_key=review.title_key, received_at__gte=since, received_at__lte=review.received_at
        )
        .exclude(pk=review.pk)
        .filter(Q(pk__in=reviews_visible_to(viewer).values("pk")) | Q(pk__in=public_decisions().values("pk")))
        .only("title", "creator", "status", "received_at", "decision", "decided_at", "published", "branch_id")
        .order_by("-received_at")
    )
    creator = name_key(review.creator)
    same = [other for other in candidates if not creator or not other.creator or name_key(other.creator) == creator]
    visible = set(reviews_visible_to(viewer).filter(pk__in=[other.pk for other in same]).values_list("pk", flat=True))
    return [EarlierReview(other, other.pk in visible) for other in same]


def public_decisions() -> QuerySet[ReviewRequest]:
    """Decisions the Director has published: the item, the dates and the decision with its
    reasons. Requester fields are not even fetched."""
    return (
        ReviewRequest.objects.filter(published=True, status__in=DECIDED)
        .exclude(decision="")
        .only(
            "title",
            "creator",
            "format",
            "received_at",
            "decision",
            "decision_reasons",
            "decided_at",
            "appeal_decision",
            "appeal_decision_reasons",
            "appeal_decided_at",
        )
        .order_by("-decided_at", "-pk")
    )
