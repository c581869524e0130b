"""Phone callbacks (desk/): "If you are unable to work on a caller's request immediately,
offer to call them back." A callback belongs to its branch's desk, not to one person: whoever
serves patrons at the branch sees it and may make the call, so that it is made when the
person who took it is off; its supervisors watch the overdue ones; the Director sees all.
The Administrator sees none (roles.md: no patron content)."""

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from staff import roles
from staff.access.people import NOTHING, branch_ids, is_director, serves_patrons, supervises
from staff.access.policies import serving_staff


def callback_scope(viewer: User) -> Q:
    """The callbacks of own branches for desk staff and supervisors; every branch's for the
    Director; none for anyone else."""
    if is_director(viewer):
        return Q()
    if serves_patrons(viewer):
        return Q(branch__in=branch_ids(viewer))
    return NOTHING


def may_see_callback(viewer: User, callback) -> bool:
    """callback_scope, for one callback: whoever sees it sees the caller's name and number
    (staff.confidential.callback_contact records the read)."""
    if is_director(viewer):
        return True
    return serves_patrons(viewer) and callback.branch_id in branch_ids(viewer)


def may_work_callback(viewer: User, callback) -> bool:
    """Make the call and record what came of it (done, no answer), or move its due time or
    assignee: anyone who may see it, since the desk is a team and the caller waits on the
    library, not on one person."""
    return may_see_callback(viewer, callback)


def may_cancel_callback(viewer: User, callback) -> bool:
    """Cancel it (the caller no longer needs it): who took it, who it is assigned to, a
    supervisor of its branch, the Director. A colleague who merely sees it calls instead."""
    if is_director(viewer) or supervises(viewer, callback.branch_id):
        return True
    return serves_patrons(viewer) and viewer.pk in (callback.created_by_id, callback.assigned_to_id)


def watches_overdue_callbacks(viewer: User, branch_id: int) -> bool:
    """A supervisor of the branch and the Director see the branch's overdue callbacks on
    their console, whoever they are assigned to."""
    return is_director(viewer) or supervises(viewer, branch_id)


def callback_assignees(branch_id: int) -> QuerySet[User]:
    """Who a callback of the branch may be assigned to: the active staff of the branch who
    serve patrons (not the Director, who is on no desk's rota)."""
    return (
        serving_staff()
        .filter(profile__branches=branch_id)
        .exclude(groups__name=roles.DIRECTOR)
        .order_by("first_name", "last_name", "username")
    )

