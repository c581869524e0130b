"""Reads of comment cards, each starting from what the viewer may
see (staff.access), so that lists and pages never disagree about scope."""

import datetime

from django.contrib.auth.models import User
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils import timezone

from feedback.models import CommentCard
from feedback.services.card_rules import overdue
from servicedesk.lib.counts import bounded_counts
from staff import access
from staff.confidential import get_visible_or_404

OPEN = "open"
ALL = "all"


def cards_visible_to(viewer: User) -> QuerySet[CommentCard]:
    """Every comment card the viewer may see (staff.access.card_scope)."""
    return CommentCard.objects.filter(access.card_scope(viewer))


def with_overdue(cards: QuerySet, today: datetime.date) -> QuerySet:
    return cards.annotate(reply_late=ExpressionWrapper(overdue(today), output_field=BooleanField()))


def get_card_for(viewer: User, pk: int, *, triage: bool = False) -> CommentCard:
    """The card, if the viewer may see it (with triage=True: triage it); otherwise 404, exactly
    as for one that does not exist."""
    return get_visible_or_404(
        viewer,
        with_overdue(cards_visible_to(viewer), timezone.localdate()).select_related(
            "branch", "typed_in_by", "complaint", "suggestion"
        ),
        pk,
        may=access.may_triage_card if triage else None,
        message="No comment card here.",
    )


def card_queue(
    *, viewer: User, status: str = OPEN, kind: str = "", overdue_only: bool = False, branch_id: int | None = None
) -> tuple[QuerySet, dict]:
    """The cards the viewer may see (of one branch, with `branch_id`), oldest first, and counts
    by status, kind and overdue over the same scope. The statistical part only: no name,
    contact or words. Two queries whatever the number of cards, plus the page."""
    today = timezone.localdate()
    cards = cards_visible_to(viewer)
    if branch_id:
        cards = cards.filter(branch_id=branch_id)
    totals = bounded_counts(cards, {  # bounded: "all" is every card ever received
        "all": Q(),
        "open": Q(status__in=CommentCard.OPEN),
        "overdue": overdue(today),
        **{f"status_{value}": Q(status=value) for value in CommentCard.Status.values},
        **{f"kind_{value}": Q(kind=value, status__in=CommentCard.OPEN) for value in CommentCard.Kind.values},
    })
    counts = {
        "all": totals["all"],
        "open": totals["open"],
        "overdue": totals["overdue"],
        "by_status": [(value, label, totals[f"status_{value}"]) for value, label in CommentCard.Status.choices],
        "by_kind": [(value, label, totals[f"kind_{value}"]) for value, label in CommentCard.Kind.choices],
    }
    if status == OPEN:
        cards = cards.filter(status__in=CommentCard.OPEN)
    elif status != ALL:
        cards = cards.filter(status=status)
    if kind:
        cards = cards.filter(kind=kind)
    if overdue_only:
        cards = cards.filter(overdue(today))
    rows = (
        with_overdue(cards, today)
        .select_related("branch", "typed_in_by")
        .only("received_at", "kind", "source", "status", "reply_by", "wants_reply", "branch__name",
              "typed_in_by__username", "typed_in_by__first_name", "typed_in_by__last_name")
        .order_by("received_at", "pk")
    )
    return rows, counts


def card_timeline(card: CommentCard) -> list:
    steps = list(card.steps.select_related("by"))
    replies = list(card.replies.select_related("by"))
    return sorted([*steps, *replies], key=lambda entry: entry.at)
