"""Every write to patrons. Views and commands call these; nothing else saves a patron."""

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from patrons.models import Patron
from patrons.names import name_key
from servicedesk.lib.workflow import versioned_update
from staff.access import may_change_card_status, may_update_patron, serves_patrons
from staff.audit import record_access
from staff.models import AccessRecord, Branch

# A birth date further back than this is a typing mistake (e.g. 1862 for 1962).
OLDEST_AGE_YEARS = 120

# What registration and an update may set; the rest (keys, version, registered_on) follows.
PATRON_FIELDS = (
    "card_number",
    "first_name",
    "last_name",
    "email",
    "phone",
    "address",
    "birth_date",
    "home_branch",
    "preferred_language",
    "status",
)

DUPLICATE_CARD_MESSAGE = (
    "This card number already belongs to another patron. Check the digits, or look the "
    "patron up: they may already be registered."
)


STATUS_REASON_MAX_LENGTH = Patron._meta.get_field("status_reason").max_length

NEW_CARD_BLOCKED_MESSAGE = (
    "A new card cannot start blocked: register the patron, then ask a supervisor of their "
    "home branch to block the card, with a reason."
)


def block_refused_message(patron: Patron, new_status: str) -> str:
    """What desk staff do instead of blocking a card, or lifting a block, themselves."""
    what = "block a card" if new_status == Patron.Status.BLOCKED else "lift a block"
    return f"Ask a supervisor of {patron.home_branch.name} to {what}."


def oldest_birth_date(today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - OLDEST_AGE_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - OLDEST_AGE_YEARS, day=28)


def validate_birth_date(value: datetime.date | None) -> None:
    """Not in the future, not more than 120 years ago: anything else is a typing mistake."""
    if value is None:
        return
    today = timezone.localdate()
    if value > today:
        raise ValidationError(
            "The date of birth cannot be in the future: check the year, or leave it empty.",
            code="birth_date_future",
        )
    if value < oldest_birth_date(today):
        raise ValidationError(
            "The date of birth is more than %(years)d years ago: check the year, or leave it empty.",
            code="birth_date_too_old",
            params={"years": OLDEST_AGE_YEARS},
        )


def _tidy(fields: dict) -> dict:
    """Trim what was typed; e-mail addresses are kept lowercased, as mail treats them."""
    tidy = {}
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
            if name == "card_number":
                value = "".join(value.split())
            elif name == "email":
                value = value.lower()
        tidy[name] = value
    return tidy


def _check_fields(fields: dict) -> None:
    unknown = set(fields) - set(PATRON_FIELDS)
    if unknown:
        raise ValueError(f"Not a patron field: {', '.join(sorted(unknown))}")


def _validate(patron: Patron) -> None:
    """The model's rules and the birth-date rule, all errors at once, each saying what to fix."""
    patron.first_name_key = name_key(patron.first_name)
    patron.last_name_key = name_key(patron.last_name)
    errors: dict[str, list[ValidationError]] = {}
    try:
        patron.full_clean(exclude=["first_name_key", "last_name_key"])
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    for field in ("first_name", "last_name"):
        if getattr(patron, field) and not getattr(patron, f"{field}_key"):
            errors.setdefault(field, []).append(
                ValidationError("Type the name with letters, so that look-up can find it.", code="no_letters")
            )
    try:
        validate_birth_date(patron.birth_date)
    except ValidationError as error:
        errors.setdefault("birth_date", []).extend(error.error_list)
    if any(e.code == "unique" for e in errors.get("card_number", [])):
        # The model's own "Patron with this Card number already exists." says less.
        errors["card_number"] = [ValidationError(DUPLICATE_CARD_MESSAGE, code="unique")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def patron_register(
    *,
    by: User,
    card_number: str,
    first_name: str,
    last_name: str,
    home_branch: Branch,
    email: str = "",
    phone: str = "",
    address: str = "",
    birth_date: datetime.date | None = None,
    preferred_language: str = Patron.Language.ENGLISH,
    status: str = Patron.Status.ACTIVE,
) -> Patron:
    """Register a new borrower at the desk.

    The policy: "Welcome new borrowers and give them all the time and information they may
    need." Anyone who serves patrons may register one, for any branch.
    """
    if not serves_patrons(by):
        raise PermissionDenied("Only staff who serve patrons can register one.")
    if status == Patron.Status.BLOCKED:
        raise ValidationError({"status": [ValidationError(NEW_CARD_BLOCKED_MESSAGE, code="new_card_blocked")]})
    fields = _tidy(
        {
            "card_number": card_number,
            "first_name": first_name,
            "last_name": last_name,
            "home_branch": home_branch,
            "email": email,
            "phone": phone,
            "address": address,
            "birth_date": birth_date,
            "preferred_language": preferred_language,
            "status": status,
        }
    )
    patron = Patron(**fields)
    _validate(patron)
    try:
        with transaction.atomic():
            patron.save()
    except IntegrityError:
        # The same card registered by someone else at the same moment.
        raise ValidationError({"card_number": [ValidationError(DUPLICATE_CARD_MESSAGE, code="unique")]}) from None
    return patron


@transaction.atomic
def patron_update(
    *, patron: Patron, by: User, version: int, present: bool = False, status_reason: str = "", **fields
) -> Patron:
    """Change a patron's card or registration details (desk staff do it here, roles.md: with
    the patron present, `present`: their card presented, patrons/presence.py).

    The card status (roles.md): desk staff mark a card lost and renew it; a supervisor of the
    patron's home branch, or the Director, blocks it or lifts a block, "with a reason (own
    branch; recorded)": `status_reason`, kept on the patron, while the access record says only
    "blocked" or "block lifted".

    Refused with EditConflict when someone saved the patron after `version` was read:
    "nothing the user entered is lost by ... two people editing at once" (product.md), and
    neither is what the other person saved.
    """
    if not may_update_patron(by, patron, present=present):
        raise PermissionDenied("You cannot update this patron.")
    _check_fields(fields)
    fields = _tidy(fields)
    # Judged on the card as saved: a bound form has already written what was posted onto `patron`.
    saved = Patron.objects.select_related("home_branch").get(pk=patron.pk)
    status_change = _status_change(saved, by=by, new_status=fields.get("status", saved.status), reason=status_reason)
    for name, value in fields.items():
        setattr(patron, name, value)
    _validate(patron)
    changes = {name: getattr(patron, name) for name in fields} | status_change
    try:
        with transaction.atomic():
            # update() bypasses Patron.save(): the name keys are set here (in _validate).
            versioned_update(
                patron,
                version=version,
                **changes,
                first_name_key=patron.first_name_key,
                last_name_key=patron.last_name_key,
            )
    except IntegrityError:
        raise ValidationError({"card_number": [ValidationError(DUPLICATE_CARD_MESSAGE, code="unique")]}) from None
    if _blocks_or_lifts(saved.status, patron.status):
        record_access(
            actor=by,
            action=AccessRecord.Action.PATRON_STATUS,
            record=patron,
            branch_id=patron.home_branch_id,
            detail="blocked" if patron.status == Patron.Status.BLOCKED else "block lifted",
        )
    return patron


def _blocks_or_lifts(old_status: str, new_status: str) -> bool:
    return old_status != new_status and Patron.Status.BLOCKED in (old_status, new_status)


def _status_change(patron: Patron, *, by: User, new_status: str, reason: str) -> dict:
    """The fields a change of card status sets besides the status (none when it stays), after
    the rule: who may make it, and a reason for a block or its lifting."""
    if new_status == patron.status:
        return {}
    if not may_change_card_status(by, patron, new_status):
        raise ValidationError({"status": [ValidationError(block_refused_message(patron, new_status), code="block_refused")]})
    reason = reason.strip() if _blocks_or_lifts(patron.status, new_status) else ""
    if _blocks_or_lifts(patron.status, new_status) and not reason:
        what = "blocking the card" if new_status == Patron.Status.BLOCKED else "lifting the block"
        raise ValidationError(
            {"status_reason": [ValidationError(f"Say why you are {what}, in a few words.", code="reason_required")]}
        )
    if len(reason) > STATUS_REASON_MAX_LENGTH:
        raise ValidationError(
            {"status_reason": [ValidationError(f"Keep the reason to {STATUS_REASON_MAX_LENGTH} characters.", code="max_length")]}
        )
    return {"status_reason": reason, "status_changed_at": timezone.now(), "status_changed_by": by}
