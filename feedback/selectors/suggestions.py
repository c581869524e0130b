"""Reads of purchase suggestions, each starting from what the viewer may see (staff.access),
so that the list and the pages never disagree about scope."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from feedback.models import PurchaseSuggestion
from feedback.selectors.cards import _refused
from staff.access import may_decide_suggestion, suggestions_visible_to


def get_suggestion_for(user, pk: int, *, decide: bool = False) -> PurchaseSuggestion:
    suggestion = (
        suggestions_visible_to(user)
        .select_related("branch", "taken_by", "patron", "decided_by", "interaction")
        .filter(pk=pk)
        .first()
    )
    if suggestion is None or (decide and not may_decide_suggestion(user, suggestion)):
        _refused(user, PurchaseSuggestion, pk)
        raise Http404("No purchase suggestion here.")
    return suggestion


def suggestion_list(*, viewer, status: str = "") -> tuple[QuerySet, dict]:
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
