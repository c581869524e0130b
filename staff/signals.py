"""Sign-ins and account changes go into the access record, whichever page or command made
them: Django announces them with signals, so the record does not depend on every admin page
and view remembering to write it."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from staff.audit import current_user, record_access
from staff.middleware import SessionLimitsMiddleware
from staff.models import AccessRecord

User = get_user_model()


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs):
    record_access(actor=user, action=AccessRecord.Action.SIGN_IN, record=user)
    if request is not None and hasattr(request, "session"):
        SessionLimitsMiddleware.start_clock(request.session)


@receiver(user_login_failed)
def sign_in_failed(sender, credentials, request=None, **kwargs):
    record_access(actor=None, action=AccessRecord.Action.SIGN_IN_FAILED, username=credentials.get("username", ""))


@receiver(post_save, sender=User)
def account_changed(sender, instance, created, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # signing in, recorded above
    record_access(actor=current_user.get(), action=AccessRecord.Action.ACCOUNT_CHANGE, record=instance)


@receiver(m2m_changed, sender=User.groups.through)
def roles_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if action != "post_clear" and not pk_set:
        return  # add() of roles the account already holds: nothing changed
    users = User.objects.filter(pk__in=pk_set or []) if reverse else [instance]
    for user in users:
        record_access(actor=current_user.get(), action=AccessRecord.Action.ROLE_CHANGE, record=user)
