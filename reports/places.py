"""How a report names the service points in its rows."""

from collections.abc import Iterable

from staff.models import ServicePoint


def point_labels(pks: Iterable[int]) -> dict[int, str]:
    """The service points' names by id, ordered by branch and name (one query); each with its
    branch's name in front when they are at several branches ("Main — Reference desk")."""
    points = list(ServicePoint.objects.filter(pk__in=set(pks)).select_related("branch").order_by("branch__name", "name"))
    several = len({point.branch_id for point in points}) > 1
    return {point.pk: f"{point.branch.name} — {point.name}" if several else point.name for point in points}
