"""Sign-ins and role changes go into the access record, whichever page or command made them:
Django announces them with signals, so the record does not depend on every admin page and
view remembering to write it. Other changes of an account are recorded where they are made,
with what changed: the admin's (staff.admin.RecordedAdmin) and the passwords
(staff.services)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from staff.audit import current_user, record_access
from staff.current import resume_service_point
from staff.middleware import SessionLimitsMiddleware
from staff.models import AccessRecord
from staff.one_time_password import OneTimePasswordMiddleware
from staff.shifts import shift_end

User = get_user_model()


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs):
    record_access(actor=user, action=AccessRecord.Action.SIGN_IN, record=user)
    if request is not None and hasattr(request, "session"):
        SessionLimitsMiddleware.start_clock(request.session)
        OneTimePasswordMiddleware.remember(request.session, user)
        resume_service_point(request, user)


@receiver(user_logged_out)
def signed_out(sender, request, user, **kwargs):
    """Signing out, by the button or after the idle time, ends the person's shift at a desk."""
    if user is not None:
        shift_end(by=user)


@receiver(user_login_failed)
def sign_in_failed(sender, credentials, request=None, **kwargs):
    record_access(actor=None, action=AccessRecord.Action.SIGN_IN_FAILED, username=credentials.get("username", ""))


@receiver(m2m_changed, sender=User.groups.through)
def roles_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if action != "post_clear" and not pk_set:
        return  # add() of roles the account already holds: nothing changed
    verb = "granted" if action == "post_add" else "removed"
    if reverse:
        users, details = User.objects.filter(pk__in=pk_set), [f"{verb} {instance.name}"]
    else:
        users = [instance]
        names = Group.objects.filter(pk__in=pk_set).values_list("name", flat=True) if pk_set else ["every role"]
        details = [f"{verb} {name}" for name in sorted(names)]
    for user in users:
        for detail in details:
            record_access(actor=current_user.get(), action=AccessRecord.Action.ROLE_CHANGE, record=user, detail=detail)
