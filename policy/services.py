"""Every write to policies: publishing a version, acknowledging one, delegating publishing.
Views call these; nothing else saves a policy version."""

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateformat import format as format_date

from policy.models import Acknowledgment, Policy, PolicyVersion, Principle
from policy.selectors import delegation_candidates, latest_version, publish_permission, publishers
from policy.text import parse_principles
from servicedesk.lib.workflow import EditConflict
from staff.access import may_delegate_publishing, may_publish_policy, serves_patrons
from staff.audit import record_access
from staff.models import AccessRecord


def _tidy(value: str) -> str:
    """Browsers send a text box's line breaks as CRLF; keep them as the text's own."""
    return value.replace("\r\n", "\n").strip()


def _required(value: str, what: str) -> str:
    value = _tidy(value)
    if not value:
        raise ValidationError(f"Write {what}: it cannot be empty.")
    return value


@transaction.atomic
def policy_publish(
    *,
    policy: Policy,
    by: User,
    based_on: int,
    effective_on: datetime.date,
    body: str,
    rationale: str,
    principles: str,
    changes: str,
    closing: str = "",
) -> PolicyVersion:
    """Publish a new version of a policy. Earlier versions stay as they were.

    The Director, or a delegate, publishes (roles.md: "write and publish new versions"). It
    takes effect today or later, never before the newest version already published, so the
    newest version in effect is always the current one. `based_on` is the version the editor
    started from: if another has been published since, EditConflict (with the newest as `current`).
    """
    if not may_publish_policy(by):
        raise PermissionDenied("Only the Director, or someone the Director has delegated, publishes a policy.")
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    latest = latest_version(policy)
    if latest is not None and latest.number != based_on:
        raise EditConflict(current=latest)
    errors: dict[str, list] = {}

    def check(name, validate):
        try:
            return validate()
        except ValidationError as error:
            errors[name] = error.messages
            return None

    body = check("body", lambda: _required(body, "the introduction"))
    rationale = check("rationale", lambda: _required(rationale, "why the library has this policy"))
    changes = check("changes", lambda: _required(changes, "what changed, for staff who read the new version"))
    drafts = check("principles", lambda: parse_principles(principles))
    check("effective_on", lambda: _check_effective_on(effective_on, latest))
    if errors:
        raise ValidationError(errors)
    closing = _tidy(closing)
    if latest is not None and _same_text(latest, body=body, rationale=rationale, closing=closing, drafts=drafts):
        raise ValidationError(f"Nothing differs from version {latest.number}: change the text before publishing.")
    try:
        with transaction.atomic():
            version = PolicyVersion.objects.create(
                policy=policy,
                number=(latest.number if latest else 0) + 1,
                effective_on=effective_on,
                body=body,
                rationale=rationale,
                closing=closing,
                changes=changes,
                published_by=by,
            )
    except IntegrityError:
        raise EditConflict(current=latest_version(policy)) from None
    Principle.objects.bulk_create(
        Principle(
            version=version,
            section=draft.section,
            position=position,
            text=draft.text,
            rationale=draft.rationale,
            applies_in=draft.applies_in or None,
            key=draft.key,
        )
        for position, draft in enumerate(drafts, start=1)
    )
    # Whoever wrote it has read it.
    Acknowledgment.objects.create(version=version, user=by)
    return version


def _day(date: datetime.date) -> str:
    return format_date(date, "j F Y")


def _check_effective_on(effective_on: datetime.date | None, latest: PolicyVersion | None) -> None:
    today = timezone.localdate()
    if effective_on is None:
        raise ValidationError("Give the date the new version takes effect: today or later.")
    if effective_on < today:
        raise ValidationError(f"The new version cannot take effect in the past: choose {_day(today)} or later.")
    if latest is not None and effective_on < latest.effective_on:
        raise ValidationError(
            f"Version {latest.number} takes effect on {_day(latest.effective_on)}: a newer version "
            "cannot take effect before it. Choose that date or later."
        )


def _same_text(latest: PolicyVersion, *, body, rationale, closing, drafts) -> bool:
    new = [(draft.section, draft.text, draft.rationale, draft.applies_in or None, draft.key) for draft in drafts]
    old = [
        (p.section, p.text, p.rationale, p.applies_in or None, p.key) for p in latest.principles.order_by("position")
    ]
    return (latest.body, latest.rationale, latest.closing) == (body, rationale, closing) and new == old


def policy_acknowledge(*, version: PolicyVersion, by: User) -> Acknowledgment:
    """Staff who serve patrons say they have read a version in effect; saying it twice keeps
    the first time."""
    if not serves_patrons(by):
        raise PermissionDenied("Only staff who serve patrons acknowledge a policy.")
    if version.effective_on > timezone.localdate():
        raise ValidationError(
            f"Version {version.number} takes effect on {_day(version.effective_on)}: acknowledge it then."
        )
    acknowledgment, _ = Acknowledgment.objects.get_or_create(version=version, user=by)
    return acknowledgment


@transaction.atomic
def publisher_grant(*, user, by: User) -> None:
    """The Director lets someone publish policy versions; written to the access record as a
    change of role."""
    if not may_delegate_publishing(by):
        raise PermissionDenied("Only the Director delegates publishing.")
    if not delegation_candidates().filter(pk=user.pk).exists():
        raise ValidationError("Choose a staff member who serves patrons and may not publish yet.")
    user.user_permissions.add(publish_permission())
    record_access(actor=by, action=AccessRecord.Action.ROLE_CHANGE, record=user)


@transaction.atomic
def publisher_withdraw(*, user, by: User) -> None:
    if not may_delegate_publishing(by):
        raise PermissionDenied("Only the Director delegates publishing.")
    if not publishers().filter(pk=user.pk).exists():
        raise ValidationError("That account does not publish policies: nothing to withdraw.")
    user.user_permissions.remove(publish_permission())
    record_access(actor=by, action=AccessRecord.Action.ROLE_CHANGE, record=user)
