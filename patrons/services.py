"""Every write to patrons. Views and commands call these; nothing else saves a patron."""

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from patrons.models import Patron
from patrons.names import name_key
from servicedesk.lib.workflow import versioned_update
from staff.access import may_update_patron, serves_patrons
from staff.models import Branch

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
def patron_update(*, patron: Patron, by: User, version: int, present: bool = False, **fields) -> Patron:
    """Change a patron's card or registration details (desk staff do it here, roles.md: with
    the patron present, `present`: their card presented, patrons/presence.py).

    Refused with EditConflict when someone saved the patron after `version` was read:
    "nothing the user entered is lost by ... two people editing at once" (product.md), and
    neither is what the other person saved.
    """
    if not may_update_patron(by, patron, present=present):
        raise PermissionDenied("You cannot update this patron.")
    _check_fields(fields)
    fields = _tidy(fields)
    for name, value in fields.items():
        setattr(patron, name, value)
    _validate(patron)
    changes = {name: getattr(patron, name) for name in fields}
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
    return patron
