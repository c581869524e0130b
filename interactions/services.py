"""Every write to interactions. Views and commands call these; nothing else saves one."""

import datetime
import uuid
from collections.abc import Collection

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from interactions import rollup
from interactions.models import Interaction, InteractionKind
from interactions.selectors import last_logged
from patrons.models import Patron
from policy.checklists import interaction_ticks_record, ticked_items, ticks_move
from servicedesk.lib.retention import REMOVED, clear_records
from servicedesk.lib.workflow import versioned_update
from staff.access import may_edit_interaction, may_undo_interaction, may_void_interaction, service_points_for
from staff.models import ServicePoint

# The console offers "undo" for 10 seconds; the server allows a little longer for slow networks.
UNDO_SECONDS = 10
UNDO_GRACE_SECONDS = 5

# What a correction may change: everything but who logged it, where, and when it was logged.
CORRECTABLE_FIELDS = (
    "occurred_at",
    "channel",
    "kind",
    "effort",
    "duration_minutes",
    "outcome",
    "alternative",
    "patron",
    "note",
)


def default_channel(service_point: ServicePoint) -> str:
    """The phone line's contacts are calls, the chat's are chats; any desk's are in person."""
    return {
        ServicePoint.Kind.PHONE: Interaction.Channel.PHONE,
        ServicePoint.Kind.CHAT: Interaction.Channel.CHAT,
    }.get(service_point.kind, Interaction.Channel.IN_PERSON)


def _validate(interaction: Interaction) -> None:
    """Every rule with a message for staff: the fields' validators and Interaction.clean().
    The related records come in as instances already fetched, and the database's check
    constraints stand behind the same rules, so neither is asked again here (each would
    cost a query per save on the desk's busiest path)."""
    interaction.full_clean(
        exclude=["submission_key", "staff", "service_point", "branch", "kind", "patron"], validate_constraints=False
    )


@transaction.atomic
def interaction_log(
    *,
    by: User,
    service_point: ServicePoint,
    kind: InteractionKind,
    occurred_at: datetime.datetime | None = None,
    channel: str | None = None,
    effort: int = 1,
    duration_minutes: int | None = None,
    outcome: str = Interaction.Outcome.ANSWERED,
    alternative: str = "",
    patron: Patron | None = None,
    note: str = "",
    checklist: Collection[int] | None = None,
    submission_key: uuid.UUID | None = None,
) -> tuple[Interaction, bool]:
    """Log one patron contact at a service point the staff member may work at, with the
    checklist items ticked (`checklist`, item pks; None ticks the items' defaults, as a
    quick-log does).

    Returns the interaction and whether it was created: a form sent twice (a double click, a
    browser resend) carries the same submission key and logs one interaction, not two.
    """
    if not service_points_for(by).filter(pk=service_point.pk).exists():
        raise PermissionDenied("You cannot log interactions at that service point.")
    if submission_key is not None:
        existing = Interaction.objects.filter(submission_key=submission_key, staff=by).first()
        if existing is not None:
            return existing, False
    interaction = Interaction(
        staff=by,
        service_point=service_point,
        branch_id=service_point.branch_id,
        kind=kind,
        occurred_at=occurred_at or timezone.now(),
        channel=channel or default_channel(service_point),
        effort=effort,
        duration_minutes=duration_minutes,
        outcome=outcome,
        alternative=alternative,
        patron=patron,
        note=note,
        submission_key=submission_key,
    )
    _validate(interaction)
    try:
        with transaction.atomic():
            interaction.save()
    except IntegrityError:
        # The same form, sent twice at the same moment: the other request logged it.
        if submission_key is None:
            raise
        return Interaction.objects.get(submission_key=submission_key, staff=by), False
    ticks = interaction_ticks_record(interaction=interaction, by=by, ticked=checklist, new=True)
    rollup.count([(interaction, ticks)])
    return interaction, True


def interaction_repeat_last(
    *, by: User, service_point: ServicePoint, submission_key: uuid.UUID | None = None
) -> tuple[Interaction, bool]:
    """Log again what this staff member last logged here, now, with what was ticked for it,
    without its patron or note (those belong to the earlier patron)."""
    last = last_logged(viewer=by, service_point=service_point)
    if last is None:
        raise ValidationError("Nothing to repeat yet: log an interaction at this service point first.")
    return interaction_log(
        by=by,
        service_point=service_point,
        kind=last.kind,
        channel=last.channel,
        effort=last.effort,
        duration_minutes=last.duration_minutes,
        outcome=last.outcome,
        alternative=last.alternative,
        checklist=ticked_items(last),
        submission_key=submission_key,
    )


def undo_deadline(interaction: Interaction) -> datetime.datetime:
    return interaction.created_at + datetime.timedelta(seconds=UNDO_SECONDS + UNDO_GRACE_SECONDS)


@transaction.atomic
def interaction_undo(*, interaction: Interaction, by: User) -> None:
    """Take back a click made by mistake, moments after making it. Only its author can, and
    only within the undo window; after that it is corrected on its page instead."""
    if not may_undo_interaction(by, interaction):
        raise PermissionDenied("Only the person who logged an interaction can undo it.")
    if timezone.now() > undo_deadline(interaction):
        raise ValidationError("It is too late to undo this; open it to correct it instead.")
    with rollup.recounting([interaction.pk]):
        interaction.delete()


@transaction.atomic
def interaction_correct(
    *, interaction: Interaction, by: User, version: int, checklist: Collection[int] | None = None, **changes
) -> Interaction:
    """Correct an interaction (its author the same day; a supervisor of the branch; the
    Director), and what was ticked for it when `checklist` is given. Refused when someone
    else saved it since `version` was read."""
    if not may_edit_interaction(by, interaction):
        raise PermissionDenied("You cannot correct this interaction.")
    if interaction.is_voided:
        raise ValidationError("This interaction was voided: it is kept as it was, and is no longer corrected.")
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not correctable: {', '.join(sorted(unknown))}")
    for field, value in changes.items():
        setattr(interaction, field, value)
    _validate(interaction)
    with rollup.recounting([interaction.pk]):
        versioned_update(interaction, version=version, **{field: getattr(interaction, field) for field in changes})
        if checklist is not None:
            interaction_ticks_record(interaction=interaction, by=by, ticked=checklist)
        elif "occurred_at" in changes:
            ticks_move(record=interaction, day=timezone.localdate(interaction.occurred_at))
    return interaction


@transaction.atomic
def interaction_void(*, interaction: Interaction, by: User, reason: str, version: int) -> Interaction:
    """Remove an interaction from the counts, keeping it (roles.md: "void with a reason (kept,
    marked)"): a supervisor of its branch or the Director, with the reason, who and when.
    Refused when someone else saved it since `version` was read."""
    if not may_void_interaction(by, interaction):
        raise PermissionDenied("Only a supervisor of the branch or the Director can void an interaction.")
    if interaction.is_voided:
        raise ValidationError("This interaction is already voided.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why it is voided (e.g. logged twice, logged at the wrong desk)."})
    with rollup.recounting([interaction.pk]):
        versioned_update(interaction, version=version, voided_at=timezone.now(), voided_by=by, void_reason=reason)
    return interaction


# What an interaction keeps when it is de-identified, beyond its codes (fields with choices):
# nothing; every other text field (the note, a void's reason) is cleared (servicedesk/lib/retention.py).
# interactions/tests/test_retention_fields.py asserts it, so a new text field is classified.
KEEP = {Interaction: ()}


def interactions_to_deidentify(*, before: datetime.datetime):
    """Interactions from before `before` that still hold a patron link, a note or a void's reason."""
    return Interaction.objects.filter(occurred_at__lt=before).filter(
        Q(patron__isnull=False) | ~Q(note="") | (~Q(void_reason="") & ~Q(void_reason=REMOVED))
    )


@transaction.atomic
def interactions_deidentify(*, before: datetime.datetime) -> int:
    """Remove the patron link and every free text (the note) from interactions older than
    the retention period, and mark when; every statistical field stays, so reports count the
    same before and after. ("All interactions between a patron and the library are
    confidential.")"""
    pks = list(interactions_to_deidentify(before=before).values_list("pk", flat=True))
    return clear_records(
        Interaction, pks, keep=KEEP, patron=None, deidentified_at=timezone.now(), version=F("version") + 1
    )
