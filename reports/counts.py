"""The counts every interaction report is drawn from, aggregated in the database: two GROUP
BYs over the period's interactions (by day and hour; by everything else), and one over the
interaction checklist's ticks. Days and hours are the library's (TIME_ZONE): Django's
TruncDate and ExtractHour convert in the database.

Only the statistical part is read: no patron, no note, no staff member."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.db.models.functions import ExtractHour, TruncDate

from interactions.models import Interaction, InteractionKind
from policy.models import ChecklistTick

DIMENSIONS = ("kind", "channel", "effort", "outcome", "alternative", "service_point", "branch")


def _memo(query, key, compute):
    if key not in query.memo:
        query.memo[key] = compute()
    return query.memo[key]


def reference_kinds(query) -> set[int]:
    """The kinds that count as reference transactions (InteractionKind.counts_as_reference)."""
    return _memo(
        query, "reference_kinds", lambda: set(InteractionKind.objects.filter(counts_as_reference=True).values_list("pk", flat=True))
    )


def kinds(query) -> dict[int, InteractionKind]:
    return _memo(query, "kinds", lambda: InteractionKind.objects.in_bulk())


def _interactions(query):
    start, end = query.filters.bounds
    return Interaction.objects.filter(query.scope, occurred_at__gte=start, occurred_at__lt=end)


def by_hour(query) -> list[dict]:
    """Rows of day, hour, branch, n (interactions) and reference (those of a kind that counts)."""

    def compute():
        reference = reference_kinds(query)
        return list(
            _interactions(query)
            .values("branch", day=TruncDate("occurred_at"), hour=ExtractHour("occurred_at"))
            .annotate(n=Count("pk"), reference=Count("pk", filter=Q(kind__in=reference)))
            .order_by()
        )

    return _memo(query, "by_hour", compute)


def by_dimensions(query) -> list[dict]:
    """Rows of kind, channel, effort, outcome, alternative, service point, branch and n."""
    return _memo(
        query, "by_dimensions", lambda: list(_interactions(query).values(*DIMENSIONS).annotate(n=Count("pk")).order_by())
    )


def checklist_shares(query) -> list[dict]:
    """Of the interactions' checklist items, per item: how often shown (a row exists) and ticked."""

    def compute():
        filters = query.filters
        return list(
            ChecklistTick.objects.filter(
                query.scope,
                content_type=ContentType.objects.get_for_model(Interaction),
                day__gte=filters.start,
                day__lte=filters.end,
            )
            .values("item")
            .annotate(shown=Count("pk"), ticked=Count("pk", filter=Q(ticked=True)))
            .order_by()
        )

    return _memo(query, "checklist_shares", compute)
