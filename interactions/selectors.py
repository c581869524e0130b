"""Reads of interactions, each starting from what the viewer may see (staff/access/)."""

from django.contrib.auth.models import User
from django.db.models import Count, QuerySet
from django.utils import timezone

from interactions.models import Interaction, InteractionKind
from patrons.models import Patron
from servicedesk.lib import shared_cache
from servicedesk.lib.dates import day_bounds
from staff import access
from staff.confidential import get_visible_or_404, patron_interaction_history
from staff.models import ServicePoint

TODAYS_LOG_ROWS = 100


def interactions_visible_to(viewer: User) -> QuerySet[Interaction]:
    """Every interaction the viewer may see (staff.access.interaction_scope)."""
    return Interaction.objects.filter(access.interaction_scope(viewer))


def get_interaction_for(viewer: User, pk: int, *, write: bool = False, may=None) -> Interaction:
    """The interaction, if the viewer may see it (with write=True: correct it; with `may`, a
    staff.access predicate: do that to it); otherwise 404, exactly as for one that does not
    exist, so that scope never reveals existence."""
    return get_visible_or_404(
        viewer,
        interactions_visible_to(viewer).select_related("kind", "staff", "service_point__branch", "patron"),
        pk,
        may=access.may_edit_interaction if write else may,
        branch="branch_id",
        message="No interaction here.",
    )


def interaction_with_patron(viewer: User, pk: int) -> Interaction | None:
    """The interaction another record is taken from (a purchase suggestion from the desk), if
    the viewer may read who it was with (staff.access.may_read_interaction_confidential);
    otherwise None, and the new record simply starts blank."""
    interaction = interactions_visible_to(viewer).select_related("patron", "service_point").filter(pk=pk).first()
    if interaction is None or not access.may_read_interaction_confidential(viewer, interaction):
        return None
    return interaction


def _today_at(viewer: User, service_point: ServicePoint) -> QuerySet[Interaction]:
    start, end = day_bounds(timezone.localdate())
    return interactions_visible_to(viewer).filter(
        service_point=service_point, occurred_at__gte=start, occurred_at__lt=end
    )


def todays_log(*, viewer: User, service_point: ServicePoint, limit: int = TODAYS_LOG_ROWS) -> list[Interaction]:
    """Today's interactions at a service point, newest first: the statistical part only."""
    return list(
        _today_at(viewer, service_point)
        .select_related("kind", "staff")
        .only(
            "occurred_at",
            "created_at",
            "channel",
            "effort",
            "outcome",
            "alternative",
            "kind__name",
            "staff__username",
            "staff__first_name",
            "staff__last_name",
            "service_point_id",
            "voided_at",
        )
        .order_by("-occurred_at", "-pk")[:limit]
    )


def todays_counts(*, viewer: User, service_point: ServicePoint) -> list[dict]:
    """How many of each kind were logged at the service point today, in console order; the
    voided ones are not counted."""
    return list(
        _today_at(viewer, service_point)
        .counted()
        .values("kind__name", "kind__position")
        .annotate(count=Count("pk"))
        .order_by("kind__position", "kind__name")
    )


PATRON_HISTORY_ROWS = 100


def patron_history(*, viewer: User, patron: Patron) -> QuerySet[Interaction] | None:
    """A patron's interactions the viewer may see, newest first, the voided ones marked; read
    through staff.confidential.patron_interaction_history, which records the read. None when
    the viewer may not read a patron's history."""
    visible = (
        interactions_visible_to(viewer)
        .filter(patron=patron)
        .select_related("kind", "staff", "service_point", "voided_by")
        .order_by("-occurred_at", "-pk")
    )
    return patron_interaction_history(viewer, patron, visible)


KINDS_CACHE_GROUP = "interaction-kinds"


def quick_log_kinds() -> list[InteractionKind]:
    """The console's buttons, the same for everyone: cached until a kind is saved
    (servicedesk/lib/shared_cache.py, interactions/apps.py)."""
    return shared_cache.cached(
        KINDS_CACHE_GROUP, "quick-log", lambda: list(InteractionKind.objects.filter(is_active=True, on_quick_log=True))
    )


def kind_choices() -> list[tuple[int, str]]:
    """The desk form's kinds, the same for everyone: cached as the buttons are."""
    return shared_cache.cached(
        KINDS_CACHE_GROUP, "choices", lambda: list(InteractionKind.objects.filter(is_active=True).values_list("pk", "name"))
    )


def last_logged(*, viewer: User, service_point: ServicePoint) -> Interaction | None:
    """What "repeat last" would repeat."""
    return (
        Interaction.objects.filter(staff=viewer, service_point=service_point)
        .select_related("kind")
        .order_by("-created_at", "-pk")
        .first()
    )
