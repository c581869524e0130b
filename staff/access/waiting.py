"""Waiting patrons (desk.models.WaitingPatron): the list a service point's desk keeps of who is
waiting. Everyone who serves patrons at the branch sees it and acts on it (two staff at one
desk share one list); the Director at any branch; the Administrator never (roles.md: no
patron content)."""

from django.contrib.auth.models import User
from django.db.models import Q

from staff.access.people import NOTHING, branch_ids, is_director, serves_patrons


def waiting_scope(viewer: User) -> Q:
    """The waiting patrons a person sees: those at own branches' service points, the
    Director's anywhere."""
    if is_director(viewer):
        return Q()
    if serves_patrons(viewer):
        return Q(branch__in=branch_ids(viewer))
    return NOTHING


def may_keep_waiting_list(viewer: User, record) -> bool:
    """Adding a patron to a service point's list, acknowledging, serving, or marking them gone:
    staff who serve patrons at its branch, the Director anywhere. `record` is the waiting
    patron or the service point (both carry `branch_id`)."""
    if is_director(viewer):
        return True
    return serves_patrons(viewer) and record.branch_id in branch_ids(viewer)
