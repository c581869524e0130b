"""Reads of purchase suggestions, each starting from what the viewer may see (staff.access),
so that the list and the pages never disagree about scope."""

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet

from feedback.models import PurchaseSuggestion
from staff import access
from staff.confidential import get_visible_or_404


def suggestions_visible_to(viewer: User) -> QuerySet[PurchaseSuggestion]:
    """Every purchase suggestion the viewer may see (staff.access.suggestion_scope)."""
    return PurchaseSuggestion.objects.filter(access.suggestion_scope(viewer))


def get_suggestion_for(viewer: User, pk: int, *, decide: bool = False) -> PurchaseSuggestion:
    """The suggestion, if the viewer may see it (with decide=True: decide it); otherwise 404."""
    return get_visible_or_404(
        viewer,
        suggestions_visible_to(viewer).select_related("branch", "taken_by", "patron", "decided_by", "interaction"),
        pk,
        may=access.may_decide_suggestion if decide else None,
        message="No purchase suggestion here.",
    )


def suggestion_list(*, viewer: User, status: str = "") -> tuple[QuerySet, dict]:
    """The suggestions the viewer may see, newest first, with counts by status. The item and
    the status only: who asked is on the suggestion's page."""
    suggestions = suggestions_visible_to(viewer)
    totals = suggestions.aggregate(
        all=Count("pk"), **{value: Count("pk", filter=Q(status=value)) for value in PurchaseSuggestion.Status.values}
    )
    counts = {
        "all": totals["all"],
        "by_status": [(value, label, totals[value]) for value, label in PurchaseSuggestion.Status.choices],
    }
    if status:
        suggestions = suggestions.filter(status=status)
    rows = suggestions.select_related("branch").only(
        "title", "creator", "format", "status", "received_at", "branch__name"
    ).order_by("-received_at", "-pk")
    return rows, counts
