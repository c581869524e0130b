"""How a report names the service points in its rows."""

from collections.abc import Iterable

from reports.filters import Filters
from staff.models import ServicePoint


def point_labels(filters: Filters, pks: Iterable[int]) -> dict[int, str]:
    """The service points' names by id, ordered by branch and name (one query). Unless the
    report is narrowed to one branch or service point, each has its branch's name in front
    ("Main — Circulation desk"): two branches may each have a desk of the same name."""
    points = ServicePoint.objects.filter(pk__in=set(pks)).select_related("branch").order_by("branch__name", "name")
    several = filters.branch is None and filters.point is None
    return {point.pk: f"{point.branch.name} — {point.name}" if several else point.name for point in points}
