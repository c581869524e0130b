"""Who the person is, for every rule: their roles and their branches ("own branch" in
roles.md), and where they may work."""

from django.db.models import Q, QuerySet

from staff import roles
from staff.models import Branch, ServicePoint


# A scope that matches no row.
NOTHING = Q(pk__in=[])


def role_names(user) -> frozenset[str]:
    """The user's roles, read once per request and kept on the user object."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_role_names"):
        user._role_names = frozenset(user.groups.values_list("name", flat=True))
    return user._role_names


def has_role(user, *names: str) -> bool:
    return not role_names(user).isdisjoint(names)


def serves_patrons(user) -> bool:
    """Desk staff, supervisors and the Director; never the Administrator on that role alone."""
    return has_role(user, *roles.SERVING)


def is_director(user) -> bool:
    return has_role(user, roles.DIRECTOR)


def supervises_or_directs(user) -> bool:
    """Supervisors and the Director: the roles that work on feedback and see their teams."""
    return has_role(user, roles.SUPERVISOR, roles.DIRECTOR)


def branch_ids(user) -> frozenset[int]:
    """The branches on the user's account ("own branch" in roles.md)."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_branch_ids"):
        user._branch_ids = frozenset(Branch.objects.filter(staff__user=user).values_list("pk", flat=True))
    return user._branch_ids


def supervises(user, branch_id: int | None) -> bool:
    """A supervisor of that branch ("own branch" in roles.md)."""
    return has_role(user, roles.SUPERVISOR) and branch_id in branch_ids(user)


# Service points ---------------------------------------------------------------------------

def service_points_for(user) -> QuerySet[ServicePoint]:
    """Where the user may log interactions: the Director anywhere, others at own branches."""
    points = ServicePoint.objects.filter(is_active=True).select_related("branch")
    if is_director(user):
        return points
    if serves_patrons(user):
        return points.filter(branch__in=branch_ids(user))
    return points.none()


def first_own_branch(user) -> Branch | None:
    """The branch a form starts with when no service point is chosen: the first of own branches."""
    return Branch.objects.filter(pk__in=branch_ids(user)).order_by("name").first()
