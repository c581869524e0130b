"""Policies and checklists: who publishes, who edits the checklists, who sees who has read a
policy and the follow-through (roles.md: "policies and checklists")."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from staff import roles
from staff.access.people import branch_ids, has_role, is_director, serves_patrons, supervises_or_directs
from staff.models import Branch


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
