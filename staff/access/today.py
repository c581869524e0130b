"""A branch's day (reports' landing page, /today/): what waits on the people who answer for a
branch, in counts. Supervisors see their own branches' day, the Director every branch's with
the complaints escalated to them first; desk staff land on the console instead, and the
Administrator, who reads no patron content (roles.md), on the admin."""

from django.contrib.auth.models import User
from django.db.models import Q

from staff import roles
from staff.access.people import NOTHING, branch_ids, has_role, is_director


def sees_branch_day(viewer: User) -> bool:
    """Supervisors and the Director: those who answer for a branch's desks, complaints and
    cards sign in to its day rather than to a console."""
    return has_role(viewer, roles.SUPERVISOR, roles.DIRECTOR)


def branch_day_scope(viewer: User) -> Q:
    """The branches whose day the viewer sees (a scope on staff.Branch): a supervisor their
    own branches, the Director every branch."""
    if is_director(viewer):
        return Q()
    if has_role(viewer, roles.SUPERVISOR):
        return Q(pk__in=branch_ids(viewer))
    return NOTHING


def may_see_branch_day(viewer: User, branch_id: int) -> bool:
    """branch_day_scope, for one branch."""
    return is_director(viewer) or (has_role(viewer, roles.SUPERVISOR) and branch_id in branch_ids(viewer))


def awaits_escalations(viewer: User) -> bool:
    """Whose day opens with the escalation queue: the Director, who decides an escalated
    complaint (may_decide_complaint)."""
    return is_director(viewer)
