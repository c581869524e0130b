"""Referrals and the expertise directory: "If you don't know the answer, find someone who
does" (the policy). roles.md: desk staff read the confidential part of interactions "that were
referred to them"; a referral's own question and contact go to whoever it is referred to
now, whoever referred it, a supervisor of its branch and the Director."""

from django.contrib.auth.models import User
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q

from staff import roles
from staff.access.people import NOTHING, branch_ids, has_role, is_director, serves_patrons, supervises

STAFF_ENTRY = "staff"


# Referrals ----------------------------------------------------------------------------------

def referral_scope(viewer: User) -> Q:
    """The referrals a person sees: the ones referred to them and the ones they referred;
    supervisors also their branch's; the Director all; the Administrator none."""
    if is_director(viewer):
        return Q()
    if not serves_patrons(viewer):
        return NOTHING
    mine = Q(assigned_to=viewer) | Q(referred_by=viewer)
    if has_role(viewer, roles.SUPERVISOR):
        return mine | Q(branch__in=branch_ids(viewer))
    return mine


def referral_reminder_scope(viewer: User) -> Q:
    """Whose unanswered referrals a person is reminded of, once they wait too long: a
    supervisor their branch's, the Director every branch's."""
    if is_director(viewer):
        return Q()
    if has_role(viewer, roles.SUPERVISOR):
        return Q(branch__in=branch_ids(viewer))
    return NOTHING


def may_see_referral(viewer: User, referral) -> bool:
    """referral_scope, for one referral: whoever sees it reads its question and contact."""
    if is_director(viewer):
        return True
    if not serves_patrons(viewer):
        return False
    return viewer.pk in (referral.assigned_to_id, referral.referred_by_id) or supervises(viewer, referral.branch_id)


def may_refer(viewer: User) -> bool:
    """Everyone who serves patrons refers a question they cannot answer."""
    return serves_patrons(viewer)


def may_answer_referral(viewer: User, referral) -> bool:
    """The person it is referred to now answers it (for a department or a partner library:
    whoever referred it there and follows it up)."""
    return serves_patrons(viewer) and referral.assigned_to_id == viewer.pk


def may_pass_on_referral(viewer: User, referral) -> bool:
    """The person it is referred to now passes it on; so do a supervisor of its branch (a
    referral waiting too long) and the Director."""
    return may_answer_referral(viewer, referral) or is_director(viewer) or supervises(viewer, referral.branch_id)


# The expertise directory --------------------------------------------------------------------

def directory_scope(viewer: User) -> Q:
    """Everyone who serves patrons sees the whole directory, every branch's: a question goes to
    whoever can answer it. The Administrator none."""
    return Q(is_listed=True) if serves_patrons(viewer) else NOTHING


def may_keep_own_entry(viewer: User) -> bool:
    """Each staff member who serves patrons lists their own subjects."""
    return serves_patrons(viewer)


def may_add_directory_place(viewer: User) -> bool:
    """Departments and partner libraries are listed by supervisors and the Director."""
    return is_director(viewer) or has_role(viewer, roles.SUPERVISOR)


def may_edit_directory_entry(viewer: User, entry) -> bool:
    """A staff member's entry is theirs alone; a department's or partner library's, the
    supervisors' of the branch that keeps it and the Director's."""
    if entry.kind == STAFF_ENTRY:
        return entry.user_id == viewer.pk and serves_patrons(viewer)
    return is_director(viewer) or supervises(viewer, entry.branch_id)


def was_referred_to(viewer: User, interaction) -> bool:
    """Whether the interaction's question is referred to the viewer now: its referral (the
    one-to-one the live desk's Referral names `referral`) is assigned to them."""
    try:
        referral = interaction.referral
    except ObjectDoesNotExist:
        return False
    return referral.assigned_to_id == viewer.pk


# The same rule as a scope of interactions.
def referred_interactions(viewer: User) -> Q:
    return Q(referral__assigned_to=viewer)
