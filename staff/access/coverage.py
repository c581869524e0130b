"""Desk coverage and handover notes (issue 12): the coverage board is for those who answer
for the branch's desks, handover notes for the staff who serve at them. The policy: "During
all hours of operation, a staff member should be at the service desk." """

from django.contrib.auth.models import User
from django.db.models import Q

from staff import roles
from staff.access.people import NOTHING, branch_ids, has_role, is_director, serves_patrons


def coverage_branch_scope(viewer: User) -> Q:
    """The branches whose coverage board the viewer may open (a scope on staff.Branch): a
    supervisor their own branches, the Director every branch."""
    if is_director(viewer):
        return Q()
    if has_role(viewer, roles.SUPERVISOR):
        return Q(pk__in=branch_ids(viewer))
    return NOTHING


def may_see_coverage(viewer: User, branch_id: int) -> bool:
    return is_director(viewer) or (has_role(viewer, roles.SUPERVISOR) and branch_id in branch_ids(viewer))


def handover_note_scope(viewer: User) -> Q:
    """The handover notes the viewer may read and dismiss (a scope on desk.HandoverNote):
    those of the service points they may work at, which is every point for the Director and
    own branches' for the rest of the staff who serve patrons."""
    if is_director(viewer):
        return Q()
    if serves_patrons(viewer):
        return Q(service_point__branch__in=branch_ids(viewer))
    return NOTHING


def may_write_handover_note(viewer: User, service_point) -> bool:
    """Staff serving at the service point's branch (the Director at any)."""
    return is_director(viewer) or (serves_patrons(viewer) and service_point.branch_id in branch_ids(viewer))


def may_dismiss_handover_note(viewer: User, note) -> bool:
    """Whoever may write one at its service point: the note is for the next person there."""
    return may_write_handover_note(viewer, note.service_point)
