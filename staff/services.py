"""Writes to the library's settings and to staff accounts."""

from axes.utils import reset
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from staff import roles
from staff.access import has_role
from staff.audit import record_access
from staff.models import AccessRecord, LibrarySettings


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
    account = get_user_model().objects.filter(username=lockout.username).first()
    record_access(actor=by, action=AccessRecord.Action.ACCOUNT_CHANGE, record=account)
