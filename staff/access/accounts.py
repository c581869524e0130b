"""The access record, accounts and roles, and sign-in lockouts: what supervisors, the Director
and the Administrator see of who did what (roles.md: "the access record", "accounts, roles")."""

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import QuerySet

from staff import roles
from staff.access.people import branch_ids, has_role, is_director, supervises_or_directs
from staff.lockout import lockouts_now
from staff.models import AccessRecord


# The access record --------------------------------------------------------------------------

def access_records_visible_to(viewer: User) -> QuerySet[AccessRecord]:
    """The Director sees every entry; a supervisor the entries about own branch's records;
    the Administrator only sign-ins and account changes (never who read patron data)."""
    records = AccessRecord.objects.all()
    if is_director(viewer):
        return records
    if has_role(viewer, roles.SUPERVISOR):
        return records.filter(branch__in=branch_ids(viewer))
    if has_role(viewer, roles.ADMINISTRATOR):
        return records.filter(action__in=AccessRecord.ACCOUNT_ACTIONS)
    return records.none()


def access_record_filters_for(viewer: User) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The actions and kinds of record the viewer's entries can hold, for the filter lists,
    decided with the rule above rather than by reading the whole record."""
    if supervises_or_directs(viewer):
        return tuple(AccessRecord.Action.values), AccessRecord.RECORD_TYPES
    if has_role(viewer, roles.ADMINISTRATOR):
        return AccessRecord.ACCOUNT_ACTIONS, AccessRecord.SETUP_TYPES
    return (), ()


# Accounts and roles -------------------------------------------------------------------------

def may_grant_role(by, account) -> bool:
    """Nobody grants a role to their own account (roles.md: "never a role for their own account")."""
    return by.pk != account.pk


def may_decide_role_grant(viewer, grant) -> bool:
    """A grant of Supervisor or Director is confirmed or refused by a Director who neither
    asked for it nor would receive it (four eyes)."""
    return is_director(viewer) and viewer.pk not in (grant.user_id, grant.asked_by_id)


# Sign-in lockouts ---------------------------------------------------------------------------

def lockouts_visible_to(viewer: User) -> QuerySet[AccessAttempt]:
    """Sign-ins locked just now, decided as django-axes decides it (staff/lockout.py): one row
    per lock (its latest attempt), with `locked_until`. The Director and the Administrator see
    every lock, also of a username that is no account; a supervisor the locks of own branch's
    staff, but not the Director's or the Administrator's."""
    lockouts = lockouts_now()
    if has_role(viewer, roles.DIRECTOR, roles.ADMINISTRATOR):
        return lockouts
    if has_role(viewer, roles.SUPERVISOR):
        # Not the Director's or the Administrator's account: those are unlocked above a supervisor.
        staff = get_user_model().objects.filter(profile__branches__in=branch_ids(viewer)).exclude(
            groups__name__in=[roles.DIRECTOR, roles.ADMINISTRATOR]
        )
        return lockouts.filter(username__in=staff.values("username"))
    return lockouts.none()
