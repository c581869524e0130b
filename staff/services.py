"""Writes to the library's settings and to staff accounts."""

from collections.abc import Iterable

from axes.utils import reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from outbox.models import Message
from outbox.services import email_after_commit
from staff import roles
from staff.access import has_role, may_decide_role_grant, may_grant_role
from staff.audit import record_access
from staff.models import AccessRecord, LibrarySettings, RoleGrant, StaffProfile

ROLE_CHANGE = AccessRecord.Action.ROLE_CHANGE
ACCOUNT_CHANGE = AccessRecord.Action.ACCOUNT_CHANGE


@transaction.atomic
def retention_set(*, by: User, days: int) -> LibrarySettings:
    """The Director sets how long interactions keep their patron link and note (roles.md:
    "retention period" is the Director's)."""
    if not has_role(by, roles.DIRECTOR):
        raise PermissionDenied("Only the Director sets the retention period.")
    library = LibrarySettings.objects.select_for_update().get_or_create(pk=1)[0]
    library.retention_days = days
    library.updated_at = timezone.now()
    library.updated_by = by
    library.full_clean()
    library.save()
    record_access(actor=by, action=AccessRecord.Action.RETENTION_CHANGE, record=library)
    return library


@transaction.atomic
def account_unlock(*, by: User, lockout) -> None:
    """Lifts a sign-in lock as axes' own reset does: every attempt of that username at that
    address. `lockout` comes from staff.access.lockouts_visible_to(by)."""
    reset(ip=lockout.ip_address, username=lockout.username)
    _record_unlock(by=by, username=lockout.username, ip_address=lockout.ip_address)


@transaction.atomic
def lockout_delete(*, by, attempt) -> None:
    """Deleting a sign-in lockout in the Django admin lets the account in again: it is
    recorded as unlocking on the locked sign-ins page is."""
    _record_unlock(by=by, username=attempt.username, ip_address=attempt.ip_address, where=" (in the admin)")
    attempt.delete()


def _record_unlock(*, by, username: str, ip_address: str, where: str = "") -> None:
    account = get_user_model().objects.filter(username=username).first()
    record_access(actor=by, action=ACCOUNT_CHANGE, record=account, detail=f"unlocked sign-in at {ip_address}{where}")


# Branches and service points --------------------------------------------------------------

def service_point_records(point) -> list[str]:
    """The kinds of record stamped with the service point (interactions, desk sessions,
    checklist ticks, complaints...), found through Django's relations so that staff needs
    none of the models of the floors above; a profile's last-used point is no record."""
    kinds = []
    for relation in type(point)._meta.get_fields(include_hidden=True):
        if not (relation.one_to_many and relation.auto_created) or relation.related_model is StaffProfile:
            continue
        if relation.related_model._default_manager.filter(**{relation.field.name: point}).exists():
            kinds.append(str(relation.related_model._meta.verbose_name_plural))
    return kinds


def service_point_check_move(*, point, branch) -> None:
    """A record's branch is stamped on it when it is made and never moves (roles.md), so a
    service point that has records stays in its branch: moving it would move them between
    branches' scopes. A reorganised desk is a new service point in the other branch."""
    if point.pk is None or branch is None or point.branch_id == branch.pk:
        return
    kinds = service_point_records(point)
    if kinds:
        raise ValidationError(
            f"{point.name} cannot move to another branch: it has {', '.join(kinds)}, which stay in "
            f"{point.branch.name}. Add a new service point at {branch.name} instead, and mark this one inactive."
        )


def _name(user) -> str:
    return user.get_full_name() or user.username


def _directors_emails(*, besides=()) -> list[str]:
    directors = get_user_model().objects.filter(is_active=True, groups__name=roles.DIRECTOR).exclude(pk__in=besides)
    return [address for address in directors.values_list("email", flat=True) if address]


def _site_url(name: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{reverse(name)}"


# Roles ------------------------------------------------------------------------------------

@transaction.atomic
def roles_set(*, by, account, wanted: Iterable[Group]) -> list[RoleGrant]:
    """The roles the admin's form asks for: the ones taken away go at once; each new one is
    granted (role_grant). Returns the grants that wait for a Director."""
    held = set(account.groups.all())
    wanted = set(wanted)
    for role in sorted(held - wanted, key=lambda group: group.name):
        account.groups.remove(role)
    granted = [role_grant(by=by, account=account, role=role) for role in sorted(wanted - held, key=lambda g: g.name)]
    return [grant for grant in granted if grant is not None]


@transaction.atomic
def role_grant(*, by, account, role: Group) -> RoleGrant | None:
    """Grant a role. Nobody grants one to their own account. Desk staff and Administrator take
    effect at once; Supervisor and Director wait until a Director confirms them on the
    grants page (four eyes, roles.md), and every Director is told by e-mail. Returns the
    waiting grant, or None when the role was given at once."""
    if not may_grant_role(by, account):
        raise PermissionDenied("Nobody grants a role to their own account: ask another administrator.")
    if role.name not in roles.CONFIRMED_BY_DIRECTOR or account.groups.filter(pk=role.pk).exists():
        account.groups.add(role)  # recorded by staff.signals.roles_changed ("granted Desk staff"), if new
        return None
    grant, created = RoleGrant.objects.get_or_create(
        user=account, role=role, status=RoleGrant.Status.PENDING, defaults={"asked_by": by}
    )
    if created:
        record_access(actor=by, action=ROLE_CHANGE, record=account, detail=f"granted {role.name} — pending the Director")
        email_after_commit(
            subject=f"Library Service Desk: {role.name} for {account.username} waits for your confirmation",
            body=(
                f"{_name(by)} asked to grant {role.name} to {_name(account)} ({account.username}). "
                "The role takes effect only when a Director confirms it (not the one who asked, "
                f"and not for their own account).\n\nConfirm or refuse it here: {_site_url('role_grants')}"
            ),
            to=_directors_emails(besides=[by.pk, account.pk]),
            role=Message.Role.STAFF,
        )
    return grant


def _decide(*, grant: RoleGrant, by, status: str) -> RoleGrant:
    if not may_decide_role_grant(by, grant):
        raise PermissionDenied("A grant is confirmed or refused by a Director who neither asked for it nor receives it.")
    grant = RoleGrant.objects.select_for_update().select_related("user", "role").get(pk=grant.pk)
    if grant.status != RoleGrant.Status.PENDING:
        raise ValidationError(f"This grant was already {grant.get_status_display().lower()}.")
    grant.status = status
    grant.decided_by = by
    grant.decided_at = timezone.now()
    grant.save(update_fields=["status", "decided_by", "decided_at"])
    return grant


@transaction.atomic
def role_grant_confirm(*, grant: RoleGrant, by) -> RoleGrant:
    """The Director's confirmation: the role takes effect now."""
    grant = _decide(grant=grant, by=by, status=RoleGrant.Status.CONFIRMED)
    record_access(
        actor=by, action=ROLE_CHANGE, record=grant.user, detail=f"{grant.role.name} confirmed by {_name(by)}"
    )
    grant.user.groups.add(grant.role)
    return grant


@transaction.atomic
def role_grant_refuse(*, grant: RoleGrant, by) -> RoleGrant:
    """The Director's refusal: the account stays without the role."""
    grant = _decide(grant=grant, by=by, status=RoleGrant.Status.REFUSED)
    record_access(actor=by, action=ROLE_CHANGE, record=grant.user, detail=f"{grant.role.name} refused by {_name(by)}")
    return grant


# Passwords --------------------------------------------------------------------------------

@transaction.atomic
def password_set_by_other(*, by, account) -> None:
    """A password someone else set (the admin's "change password" or "add user") is a
    one-time password (roles.md): the owner must choose their own at the next sign-in
    (staff.one_time_password). Setting it changed the account's session hash, so Django
    ends each of the account's sessions at its next request, as it does for any password
    change (update_session_auth_hash keeps only the changer's own). The owner and the
    Directors are told."""
    if by.pk == account.pk:
        return
    StaffProfile.objects.update_or_create(user=account, defaults={"must_change_password": True})
    record_access(actor=by, action=ACCOUNT_CHANGE, record=account, detail="password set by another person")
    email_after_commit(
        subject="Library Service Desk: your password was set by another person",
        body=(
            f"{_name(by)} set a new password for your account {account.username}. You will be asked to "
            "choose your own when you next sign in. If you did not ask for this, tell the Director."
        ),
        to=[account.email],
        role=Message.Role.STAFF,
    )
    email_after_commit(
        subject=f"Library Service Desk: the password of {account.username} was set by another person",
        body=f"{_name(by)} set a new password for {_name(account)} ({account.username}).",
        to=_directors_emails(besides=[by.pk]),
        role=Message.Role.STAFF,
    )


@transaction.atomic
def password_changed_by_owner(*, account) -> None:
    """The owner chose their own password: a one-time password is over."""
    StaffProfile.objects.filter(user=account, must_change_password=True).update(must_change_password=False)
    record_access(actor=account, action=ACCOUNT_CHANGE, record=account, detail="changed their own password")
