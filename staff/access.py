"""Who may see and do what (shared/design/roles.md), decided here and nowhere else.

Every list, detail page, search and export starts from a queryset of this module, and every
"may this person ..." question is one of its predicates, so that a list and a detail page can
never disagree about scope. Roles are Django groups (staff/roles.py); no rule looks at
is_superuser.

The policy: "All interactions between a patron and the library are confidential ...
(including but not limited to registration information, patron circulation records, and
reference questions)."
"""

from django.db.models import Q, QuerySet
from django.utils import timezone

from servicedesk.lib.dates import day_bounds
from staff import roles
from staff.models import Branch, ServicePoint


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


def branch_ids(user) -> frozenset[int]:
    """The branches on the user's account ("own branch" in roles.md)."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_branch_ids"):
        user._branch_ids = frozenset(Branch.objects.filter(staff__user=user).values_list("pk", flat=True))
    return user._branch_ids


# Service points ---------------------------------------------------------------------------

def service_points_for(user) -> QuerySet[ServicePoint]:
    """Where the user may log interactions: the Director anywhere, others at own branches."""
    points = ServicePoint.objects.filter(is_active=True).select_related("branch")
    if has_role(user, roles.DIRECTOR):
        return points
    if serves_patrons(user):
        return points.filter(branch__in=branch_ids(user))
    return points.none()


# Interactions -----------------------------------------------------------------------------

def interactions_visible_to(user) -> QuerySet:
    """What a user may see of interactions: desk staff today's log of own branches and
    the ones they logged themselves, supervisors own branches all time, the Director all."""
    from interactions.models import Interaction

    interactions = Interaction.objects.all()
    if has_role(user, roles.DIRECTOR):
        return interactions
    if has_role(user, roles.SUPERVISOR):
        return interactions.filter(service_point__branch__in=branch_ids(user))
    if has_role(user, roles.DESK):
        start, end = day_bounds(timezone.localdate())
        return interactions.filter(
            Q(service_point__branch__in=branch_ids(user), occurred_at__gte=start, occurred_at__lt=end)
            | Q(staff=user)
        )
    return interactions.none()


def may_read_interaction_confidential(user, interaction) -> bool:
    """The patron and the note: their author, a supervisor of the branch, the Director."""
    if interaction.staff_id == user.pk:
        return True
    if has_role(user, roles.DIRECTOR):
        return True
    return has_role(user, roles.SUPERVISOR) and interaction.service_point.branch_id in branch_ids(user)


def may_edit_interaction(user, interaction) -> bool:
    """The author on the day it was logged; a supervisor of the branch; the Director."""
    if has_role(user, roles.DIRECTOR):
        return True
    if has_role(user, roles.SUPERVISOR) and interaction.service_point.branch_id in branch_ids(user):
        return True
    return (
        interaction.staff_id == user.pk
        and serves_patrons(user)
        and timezone.localdate(interaction.created_at) == timezone.localdate()
    )


# Patrons ----------------------------------------------------------------------------------

def patrons_visible_to(user) -> QuerySet:
    """Look-up (name and card status) is open to everyone who serves patrons, at any branch:
    a patron may walk into any branch of the library."""
    from patrons.models import Patron

    if serves_patrons(user):
        return Patron.objects.all()
    return Patron.objects.none()


def may_read_patron_details(user, patron) -> bool:
    """Registration details on the patron page: a supervisor of the patron's home branch and
    the Director. Desk staff see them only while registering or updating that patron."""
    if has_role(user, roles.DIRECTOR):
        return True
    return has_role(user, roles.SUPERVISOR) and patron.home_branch_id in branch_ids(user)


def may_update_patron(user, patron) -> bool:
    return serves_patrons(user)


# The access record --------------------------------------------------------------------------

def access_records_visible_to(user) -> QuerySet:
    """The Director sees every entry; a supervisor the entries about own branch's records;
    the Administrator only sign-ins and account changes (never who read patron data)."""
    from staff.models import AccessRecord

    records = AccessRecord.objects.all()
    if has_role(user, roles.DIRECTOR):
        return records
    if has_role(user, roles.SUPERVISOR):
        return records.filter(branch__in=branch_ids(user))
    if has_role(user, roles.ADMINISTRATOR):
        return records.filter(action__in=AccessRecord.ACCOUNT_ACTIONS)
    return records.none()


def access_record_filters_for(user) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The actions and kinds of record the user's entries can hold, for the filter lists,
    decided with the rule above rather than by reading the whole record."""
    from staff.models import AccessRecord

    if has_role(user, roles.DIRECTOR, roles.SUPERVISOR):
        return tuple(AccessRecord.Action.values), AccessRecord.RECORD_TYPES
    if has_role(user, roles.ADMINISTRATOR):
        return AccessRecord.ACCOUNT_ACTIONS, ("user",)
    return (), ()


# Sign-in lockouts ---------------------------------------------------------------------------

def lockouts_visible_to(user) -> QuerySet:
    """Sign-ins locked just now, decided as django-axes decides it (staff/lockout.py): one
    row per lock (its latest attempt), with `locked_until`. The Director and the
    Administrator see every lock, also of a username that is no account; a supervisor the locks of own branch's staff, but not the
    Director's or the Administrator's."""
    from django.contrib.auth import get_user_model

    from staff.lockout import lockouts_now

    lockouts = lockouts_now()
    if has_role(user, roles.DIRECTOR, roles.ADMINISTRATOR):
        return lockouts
    if has_role(user, roles.SUPERVISOR):
        # Not the Director's or the Administrator's account: those are unlocked above a supervisor.
        staff = get_user_model().objects.filter(profile__branches__in=branch_ids(user)).exclude(
            groups__name__in=[roles.DIRECTOR, roles.ADMINISTRATOR]
        )
        return lockouts.filter(username__in=staff.values("username"))
    return lockouts.none()


# Complaints ---------------------------------------------------------------------------------

def complaints_visible_to(user) -> QuerySet:
    """The complaint queue: desk staff the ones they took; supervisors own branch's, and any
    they took or were assigned; the Director all."""
    from feedback.models import Complaint

    complaints = Complaint.objects.all()
    if has_role(user, roles.DIRECTOR):
        return complaints
    if has_role(user, roles.SUPERVISOR):
        return complaints.filter(Q(branch__in=branch_ids(user)) | Q(taken_by=user) | Q(assigned_to=user))
    if has_role(user, roles.DESK):
        return complaints.filter(taken_by=user)
    return complaints.none()


def may_work_complaint(user, complaint) -> bool:
    """Acknowledge, assign, respond, resolve, escalate: a supervisor of its branch, the Director."""
    if has_role(user, roles.DIRECTOR):
        return True
    return has_role(user, roles.SUPERVISOR) and complaint.branch_id in branch_ids(user)


def may_decide_complaint(user, complaint) -> bool:
    """An escalated complaint is decided by the Director."""
    return has_role(user, roles.DIRECTOR)


# Collection-review requests -----------------------------------------------------------------

def reviews_visible_to(user) -> QuerySet:
    """Desk staff the requests they took and those they review on a committee; supervisors
    own branch's as well; the Director all."""
    from feedback.models import ReviewRequest

    reviews = ReviewRequest.objects.all()
    if has_role(user, roles.DIRECTOR):
        return reviews
    mine = Q(taken_by=user) | Q(reviewers__reviewer=user)
    if has_role(user, roles.SUPERVISOR):
        return reviews.filter(mine | Q(branch__in=branch_ids(user))).distinct()
    if has_role(user, roles.DESK):
        return reviews.filter(mine).distinct()
    return reviews.none()


def may_read_review_requester(user, review) -> bool:
    """Who asked, and how to reach them: whoever took the request, a supervisor of its branch,
    the Director. A committee member reviews the item and the concern, not the person."""
    if review.taken_by_id == user.pk or has_role(user, roles.DIRECTOR):
        return True
    return has_role(user, roles.SUPERVISOR) and review.branch_id in branch_ids(user)


def may_run_review(user, review) -> bool:
    """Acknowledge, assign the committee, send the letter: a supervisor of its branch, the Director."""
    if has_role(user, roles.DIRECTOR):
        return True
    return has_role(user, roles.SUPERVISOR) and review.branch_id in branch_ids(user)


def may_decide_review(user, review) -> bool:
    """The decision: the Director or the committee's chair."""
    return has_role(user, roles.DIRECTOR) or (review.chair_id is not None and review.chair_id == user.pk)


def may_decide_appeal(user, review) -> bool:
    return has_role(user, roles.DIRECTOR)


def may_publish_review(user, review) -> bool:
    """The public list of decisions is the Director's to publish."""
    return has_role(user, roles.DIRECTOR)


# Comment cards and purchase suggestions ----------------------------------------------------

def cards_visible_to(user) -> QuerySet:
    """Desk staff the paper cards they typed in; supervisors own branch's cards (kiosk cards
    included) and those they typed in; the Director all."""
    from feedback.models import CommentCard

    cards = CommentCard.objects.all()
    if has_role(user, roles.DIRECTOR):
        return cards
    if has_role(user, roles.SUPERVISOR):
        return cards.filter(Q(branch__in=branch_ids(user)) | Q(typed_in_by=user))
    if has_role(user, roles.DESK):
        return cards.filter(typed_in_by=user)
    return cards.none()


def may_triage_card(user, card) -> bool:
    """Thank, act, reply, turn into a complaint or a suggestion, close: a supervisor of the
    card's branch, the Director."""
    if has_role(user, roles.DIRECTOR):
        return True
    return has_role(user, roles.SUPERVISOR) and card.branch_id in branch_ids(user)


def suggestions_visible_to(user) -> QuerySet:
    """Desk staff the purchase suggestions they took; supervisors own branch's and those they
    took; the Director all."""
    from feedback.models import PurchaseSuggestion

    suggestions = PurchaseSuggestion.objects.all()
    if has_role(user, roles.DIRECTOR):
        return suggestions
    if has_role(user, roles.SUPERVISOR):
        return suggestions.filter(Q(branch__in=branch_ids(user)) | Q(taken_by=user))
    if has_role(user, roles.DESK):
        return suggestions.filter(taken_by=user)
    return suggestions.none()


def may_decide_suggestion(user, suggestion) -> bool:
    """Accept, order or decline: a supervisor of the suggestion's branch, the Director."""
    if has_role(user, roles.DIRECTOR):
        return True
    return has_role(user, roles.SUPERVISOR) and suggestion.branch_id in branch_ids(user)


# Checklist follow-through -------------------------------------------------------------------

def follow_through_branches(user) -> QuerySet:
    """Whose checklist follow-through a person sees, by team (never by person): the Director
    every branch, a supervisor own branches, nobody else any."""
    if has_role(user, roles.DIRECTOR):
        return Branch.objects.all()
    if has_role(user, roles.SUPERVISOR):
        return Branch.objects.filter(pk__in=branch_ids(user))
    return Branch.objects.none()
