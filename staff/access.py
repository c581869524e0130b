"""Who may see and do what (shared/design/roles.md), decided here and nowhere else.

- A scope, `<record>_scope(viewer) -> Q`: the rows the viewer may see. Each app's selector
  applies it to its own model (`interactions.selectors.interactions_visible_to`), so lists,
  pages, searches and exports start from the same rows; as a `Q` it needs no model of the
  apps above `staff`.
- A predicate, `may_<verb>_<record>(viewer, record) -> bool`, on one record's own attributes
  (duck-typed: `branch_id`, `taken_by_id`, ...).

A record's confidential part is handed out by staff/confidential.py only, which asks the
predicates here and records the read in the same call. Roles are Django groups
(staff/roles.py); no rule looks at is_superuser. The policy: "All interactions between a
patron and the library are confidential."
"""

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.utils import timezone

from servicedesk.lib.dates import day_bounds
from staff import roles
from staff.lockout import lockouts_now
from staff.models import AccessRecord, Branch, ServicePoint

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


def _supervises(user, branch_id: int | None) -> bool:
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


# Interactions -----------------------------------------------------------------------------

def interaction_scope(viewer: User) -> Q:
    """What a person may see of interactions: desk staff today's log of own branches and the
    ones they logged themselves, supervisors own branches all time, the Director all."""
    if is_director(viewer):
        return Q()
    if has_role(viewer, roles.SUPERVISOR):
        return Q(branch__in=branch_ids(viewer))
    if has_role(viewer, roles.DESK):
        start, end = day_bounds(timezone.localdate())
        return Q(branch__in=branch_ids(viewer), occurred_at__gte=start, occurred_at__lt=end) | Q(
            staff=viewer
        )
    return NOTHING


def may_read_interaction_confidential(viewer: User, interaction) -> bool:
    """The patron and the note: their author, a supervisor of the branch, the Director."""
    if interaction.staff_id == viewer.pk or is_director(viewer):
        return True
    return _supervises(viewer, interaction.branch_id)


def may_edit_interaction(viewer: User, interaction) -> bool:
    """The author on the day it was logged; a supervisor of the branch; the Director."""
    if is_director(viewer) or _supervises(viewer, interaction.branch_id):
        return True
    return (
        interaction.staff_id == viewer.pk
        and serves_patrons(viewer)
        and timezone.localdate(interaction.created_at) == timezone.localdate()
    )


def may_undo_interaction(viewer: User, interaction) -> bool:
    """Undo takes back one's own click, moments after: its author only."""
    return interaction.staff_id == viewer.pk


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
    if is_director(viewer) or _supervises(viewer, patron.home_branch_id):
        return True
    return present and serves_patrons(viewer)


def may_update_patron(viewer: User, patron, *, present: bool = False) -> bool:
    """Who may read the details may update them: the update form shows them."""
    return may_read_patron_details(viewer, patron, present=present)


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


# Complaints ---------------------------------------------------------------------------------

def complaint_scope(viewer: User) -> Q:
    """The complaint queue: desk staff the ones they took; supervisors own branch's, and any
    they took or were assigned; the Director all."""
    if is_director(viewer):
        return Q()
    if has_role(viewer, roles.SUPERVISOR):
        return Q(branch__in=branch_ids(viewer)) | Q(taken_by=viewer) | Q(assigned_to=viewer)
    if has_role(viewer, roles.DESK):
        return Q(taken_by=viewer)
    return NOTHING


def may_see_complaint(viewer: User, complaint) -> bool:
    """complaint_scope, for one complaint: whoever sees it sees its confidential part."""
    if is_director(viewer):
        return True
    if has_role(viewer, roles.SUPERVISOR):
        return complaint.branch_id in branch_ids(viewer) or viewer.pk in (complaint.taken_by_id, complaint.assigned_to_id)
    return has_role(viewer, roles.DESK) and complaint.taken_by_id == viewer.pk


def may_work_complaint(viewer: User, complaint) -> bool:
    """Acknowledge, assign, respond, resolve, escalate: a supervisor of its branch, the Director."""
    return is_director(viewer) or _supervises(viewer, complaint.branch_id)


def may_decide_complaint(viewer: User, complaint) -> bool:
    """An escalated complaint is decided by the Director."""
    return is_director(viewer)


def works_complaints(viewer: User) -> bool:
    """Supervisors and the Director work on complaints (the queue offers them the filters)."""
    return supervises_or_directs(viewer)


# Collection-review requests -----------------------------------------------------------------

def review_scope(viewer: User) -> Q:
    """Desk staff the requests they took and those they review on a committee; supervisors
    own branch's as well; the Director all (it joins the committee: one row per request is
    the selector's)."""
    if is_director(viewer):
        return Q()
    mine = Q(taken_by=viewer) | Q(reviewers__reviewer=viewer)
    if has_role(viewer, roles.SUPERVISOR):
        return mine | Q(branch__in=branch_ids(viewer))
    if has_role(viewer, roles.DESK):
        return mine
    return NOTHING


def may_see_review(viewer: User, review) -> bool:
    """review_scope, for one request (its committee read from `review.reviewers`)."""
    if is_director(viewer):
        return True
    if not has_role(viewer, roles.SUPERVISOR, roles.DESK):
        return False
    on_committee = any(row.reviewer_id == viewer.pk for row in review.reviewers.all())
    return review.taken_by_id == viewer.pk or on_committee or _supervises(viewer, review.branch_id)


def may_read_review_requester(viewer: User, review) -> bool:
    """Who asked, and how to reach them: whoever took the request, a supervisor of its branch,
    the Director. A committee member reviews the item and the concern, not the person."""
    if review.taken_by_id == viewer.pk or is_director(viewer):
        return True
    return _supervises(viewer, review.branch_id)


def may_run_review(viewer: User, review) -> bool:
    """Acknowledge, assign the committee, send the letter: a supervisor of its branch, the Director."""
    return is_director(viewer) or _supervises(viewer, review.branch_id)


def may_decide_review(viewer: User, review) -> bool:
    """The decision: the Director or the committee's chair."""
    return is_director(viewer) or (review.chair_id is not None and review.chair_id == viewer.pk)


def may_decide_appeal(viewer: User, review) -> bool:
    return is_director(viewer)


def may_publish_review(viewer: User, review) -> bool:
    """The public list of decisions is the Director's to publish."""
    return is_director(viewer)


# Comment cards and purchase suggestions ----------------------------------------------------

def card_scope(viewer: User) -> Q:
    """Desk staff the paper cards they typed in; supervisors own branch's cards (kiosk cards
    included) and those they typed in; the Director all."""
    if is_director(viewer):
        return Q()
    if has_role(viewer, roles.SUPERVISOR):
        return Q(branch__in=branch_ids(viewer)) | Q(typed_in_by=viewer)
    if has_role(viewer, roles.DESK):
        return Q(typed_in_by=viewer)
    return NOTHING


def may_see_card(viewer: User, card) -> bool:
    """card_scope, for one card: whoever sees it sees its name and contact."""
    if is_director(viewer):
        return True
    if has_role(viewer, roles.SUPERVISOR):
        return card.branch_id in branch_ids(viewer) or card.typed_in_by_id == viewer.pk
    return has_role(viewer, roles.DESK) and card.typed_in_by_id == viewer.pk


def may_triage_card(viewer: User, card) -> bool:
    """Thank, act, reply, turn into a complaint or a suggestion, close: a supervisor of the
    card's branch, the Director."""
    return is_director(viewer) or _supervises(viewer, card.branch_id)


def triages_cards(viewer: User) -> bool:
    """Supervisors and the Director triage cards (the queue offers them the filters)."""
    return supervises_or_directs(viewer)


def suggestion_scope(viewer: User) -> Q:
    """Desk staff the purchase suggestions they took; supervisors own branch's and those they
    took; the Director all."""
    if is_director(viewer):
        return Q()
    if has_role(viewer, roles.SUPERVISOR):
        return Q(branch__in=branch_ids(viewer)) | Q(taken_by=viewer)
    if has_role(viewer, roles.DESK):
        return Q(taken_by=viewer)
    return NOTHING


def may_see_suggestion(viewer: User, suggestion) -> bool:
    """suggestion_scope, for one suggestion: whoever sees it sees who suggested it."""
    if is_director(viewer):
        return True
    if has_role(viewer, roles.SUPERVISOR):
        return suggestion.branch_id in branch_ids(viewer) or suggestion.taken_by_id == viewer.pk
    return has_role(viewer, roles.DESK) and suggestion.taken_by_id == viewer.pk


def may_decide_suggestion(viewer: User, suggestion) -> bool:
    """Accept, order or decline: a supervisor of the suggestion's branch, the Director."""
    return is_director(viewer) or _supervises(viewer, suggestion.branch_id)


# Policies and checklists --------------------------------------------------------------------

# The permission the Director grants a delegate to publish policies (policy/migrations).
PUBLISH_PERMISSION = ("policy", "publish_policyversion")


def holds_publish_permission() -> Q:
    """Accounts holding the publish permission on their own account (not through a group)."""
    app_label, codename = PUBLISH_PERMISSION
    return Q(user_permissions__content_type__app_label=app_label, user_permissions__codename=codename)


def may_publish_policy(viewer: User) -> bool:
    """The Director, and whoever the Director delegates (the permission policy.publish_policyversion
    on their account, granted on the publishers page). Never the Administrator, who serves no
    patrons, and never on is_superuser alone."""
    if not serves_patrons(viewer):
        return False
    if is_director(viewer):
        return True
    return get_user_model().objects.filter(holds_publish_permission(), pk=viewer.pk).exists()


def may_delegate_publishing(viewer: User) -> bool:
    """Granting and withdrawing the publish permission is the Director's (four eyes: roles.md)."""
    return is_director(viewer)


def may_edit_checklists(viewer: User) -> bool:
    """The checklists' items are the Director's to write (roles.md: "write and publish")."""
    return is_director(viewer)


def sees_acknowledgments(viewer: User) -> bool:
    """Who has read a policy: supervisors (own branch's staff) and the Director."""
    return supervises_or_directs(viewer)


def serving_staff() -> QuerySet:
    """Active accounts that serve patrons: whose acknowledgments count, who may be a delegate."""
    return get_user_model().objects.filter(is_active=True, groups__name__in=roles.SERVING).distinct()


def staff_acknowledgments_visible_to(viewer: User) -> QuerySet:
    """Whose acknowledgments a person sees: the Director everyone who serves patrons; a
    supervisor the staff of own branch, but not the Director, who answers to no supervisor;
    nobody else anyone."""
    staff = serving_staff()
    if is_director(viewer):
        return staff
    if has_role(viewer, roles.SUPERVISOR):
        return staff.filter(profile__branches__in=branch_ids(viewer)).exclude(groups__name=roles.DIRECTOR)
    return staff.none()


def follow_through_branches(viewer: User) -> QuerySet[Branch]:
    """Whose checklist follow-through a person sees, by team (never by person): the Director
    every branch, a supervisor own branches, nobody else any."""
    if is_director(viewer):
        return Branch.objects.all()
    if has_role(viewer, roles.SUPERVISOR):
        return Branch.objects.filter(pk__in=branch_ids(viewer))
    return Branch.objects.none()
