"""Interactions and patrons: what the desk logs and looks up (roles.md: "statistical part of
interactions", "confidential part of an interaction", "patron registration details")."""

from django.contrib.auth.models import User
from django.db.models import Q
from django.utils import timezone

from servicedesk.lib.dates import day_bounds
from staff import roles
from staff.access.people import NOTHING, branch_ids, has_role, is_director, serves_patrons, supervises
from staff.access.referrals import referred_interactions, was_referred_to


# Interactions -----------------------------------------------------------------------------

def interaction_scope(viewer: User) -> Q:
    """What a person may see of interactions: desk staff today's log of own branches and the
    ones they logged themselves, supervisors own branches all time, the Director all; and
    everyone who serves patrons the ones whose question is referred to them (roles.md: "or
    that were referred to them"), at any branch."""
    if is_director(viewer):
        return Q()
    if has_role(viewer, roles.SUPERVISOR):
        return Q(branch__in=branch_ids(viewer)) | referred_interactions(viewer)
    if has_role(viewer, roles.DESK):
        start, end = day_bounds(timezone.localdate())
        return (
            Q(branch__in=branch_ids(viewer), occurred_at__gte=start, occurred_at__lt=end)
            | Q(staff=viewer)
            | referred_interactions(viewer)
        )
    return NOTHING


def may_read_interaction_confidential(viewer: User, interaction) -> bool:
    """The patron and the note: their author, the person its question is referred to now, a
    supervisor of the branch, the Director."""
    if interaction.staff_id == viewer.pk or is_director(viewer) or supervises(viewer, interaction.branch_id):
        return True
    return serves_patrons(viewer) and was_referred_to(viewer, interaction)


def may_edit_interaction(viewer: User, interaction) -> bool:
    """The author on the day it was logged; a supervisor of the branch; the Director."""
    if is_director(viewer) or supervises(viewer, interaction.branch_id):
        return True
    return (
        interaction.staff_id == viewer.pk
        and serves_patrons(viewer)
        and timezone.localdate(interaction.created_at) == timezone.localdate()
    )


def may_undo_interaction(viewer: User, interaction) -> bool:
    """Undo takes back one's own click, moments after: its author only."""
    return interaction.staff_id == viewer.pk


def may_void_interaction(viewer: User, interaction) -> bool:
    """Removing an interaction (roles.md: "void with a reason (kept, marked)"): a supervisor of
    its branch, the Director; never desk staff, not even its author (they correct it)."""
    return is_director(viewer) or supervises(viewer, interaction.branch_id)


def may_read_patron_history(viewer: User, patron) -> bool:
    """A patron's interaction history (roles.md): supervisors, of the interactions at their own
    branches (interaction_scope narrows it), and the Director, all; not desk staff. Every read
    is recorded (staff.confidential.patron_interaction_history)."""
    return is_director(viewer) or has_role(viewer, roles.SUPERVISOR)


# Patrons ----------------------------------------------------------------------------------

def patron_scope(viewer: User) -> Q:
    """Look-up (name and card status) is open to everyone who serves patrons, at any branch:
    a patron may walk into any branch of the library."""
    return Q() if serves_patrons(viewer) else NOTHING


def may_read_patron_details(viewer: User, patron, *, present: bool = False) -> bool:
    """Registration details (roles.md): a supervisor of the patron's home branch and the
    Director, anywhere; desk staff, and supervisors of other branches ("other branches as desk
    staff"), only "updating with the patron present (their card scanned or typed)":
    `present` says the card was (patrons/presence.py). Registering shows what is typed."""
    if is_director(viewer) or supervises(viewer, patron.home_branch_id):
        return True
    return present and serves_patrons(viewer)


def may_update_patron(viewer: User, patron, *, present: bool = False) -> bool:
    """Who may read the details may update them: the update form shows them."""
    return may_read_patron_details(viewer, patron, present=present)


# Patron.Status.BLOCKED (staff sits below patrons, so the value is named here).
BLOCKED = "blocked"


def may_block_patron(viewer: User, patron) -> bool:
    """Blocking a card, or lifting a block, with a reason (roles.md): a supervisor of the
    patron's home branch, the Director at any branch."""
    return is_director(viewer) or supervises(viewer, patron.home_branch_id)


def may_change_card_status(viewer: User, patron, new_status: str) -> bool:
    """A card status (roles.md): desk staff mark a card lost and renew it; a card goes into
    or out of "blocked" only as may_block_patron says. `patron.status` is the saved one."""
    if new_status == patron.status:
        return True
    if BLOCKED in (patron.status, new_status):
        return may_block_patron(viewer, patron)
    return serves_patrons(viewer)
