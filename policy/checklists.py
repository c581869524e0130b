"""Checklists where the work happens: the items a form shows, and what was ticked for a record,
under the policy version in effect when it was ticked.

Every time a checklist is used, each item that applies gets a row, ticked or not, so that the
follow-through report can divide "ticked" by "shown" without looking at the records. The
quick-log button records the defaults: ticking never costs the desk a click."""

from collections.abc import Collection

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from policy.models import (
    Checklist,
    ChecklistItem,
    ChecklistTick,
    DeskSession,
    PolicyVersion,
    Principle,
)
from policy.selectors import in_effect
from servicedesk.lib import shared_cache
from servicedesk.lib.workflow import versioned_update
from staff.access import (
    may_edit_checklists,
    may_work_complaint,
    serves_patrons,
    service_points_for,
)

Key = Checklist.Key
OnlyWhen = ChecklistItem.OnlyWhen

# The desk form shows both: the phone items only for a call.
INTERACTION_CHECKLISTS = (Key.INTERACTION, Key.PHONE)
CACHE_GROUP = "checklists"


# Reads --------------------------------------------------------------------------------------

def items_for(*keys: str) -> list[ChecklistItem]:
    """The active items of the checklists, in order, each with `policy_version_id`: the
    version in effect of its checklist's policy, which a tick records (the first version,
    while none is in effect yet). One query, or none: they are the same for everyone, so
    they are cached for the day (a version takes effect on a date) until a checklist, an
    item or a policy version changes (servicedesk/lib/shared_cache.py, policy/apps.py)."""
    day = timezone.localdate().isoformat()
    return shared_cache.cached(CACHE_GROUP, f"{day}:{','.join(sorted(keys))}", lambda: _items_for(keys))


def _items_for(keys) -> list[ChecklistItem]:
    current = in_effect().filter(policy=OuterRef("checklist__policy")).values("pk")[:1]
    first = PolicyVersion.objects.filter(policy=OuterRef("checklist__policy")).order_by("number").values("pk")[:1]
    return list(
        ChecklistItem.objects.filter(checklist__key__in=keys, active=True)
        .select_related("checklist")
        .annotate(policy_version_id=Coalesce(Subquery(current), Subquery(first)))
        .order_by("checklist__position", "position", "pk")
    )


def applicable(items: list[ChecklistItem], *, channel: str | None = None, needs_alternative: bool = False) -> list:
    """The items that apply to this record: "alternative offered" only when staff could not
    comply, the phone items only for a call."""
    applies = {
        OnlyWhen.ALWAYS: True,
        OnlyWhen.NEEDS_ALTERNATIVE: needs_alternative,
        OnlyWhen.PHONE: channel == "phone",
    }
    return [item for item in items if applies.get(item.only_when, False)]


def of_record(record: models.Model) -> dict:
    """How a tick names its record, whatever the kind: (content type, id). The content type
    comes from Django's cache after the first use, so naming a record costs no query."""
    return {"content_type": ContentType.objects.get_for_model(record), "object_id": record.pk}


def ticked_items(record: models.Model) -> set[int]:
    """The items ticked for one record (an interaction, a complaint, a patron...)."""
    return set(ChecklistTick.objects.filter(ticked=True, **of_record(record)).values_list("item_id", flat=True))


def ticks_of(record: models.Model) -> list[ChecklistTick]:
    """What was ticked and not for one record, in the words asked then (`label`), with the
    version each was ticked under."""
    return list(
        ChecklistTick.objects.filter(**of_record(record))
        .select_related("version")
        .order_by("item__checklist__position", "item__position", "item_id")
    )


def principles_by_key(items: list[ChecklistItem]) -> dict[tuple[int, str], Principle]:
    """The principle each item names, in its policy's version in effect, by (policy, key)."""
    keys = {item.principle_key for item in items}
    principles = Principle.objects.filter(version__in=in_effect(), key__in=keys).select_related("version")
    return {(principle.version.policy_id, principle.key): principle for principle in principles}


# Recording ticks ----------------------------------------------------------------------------

def _record(
    *,
    items: list[ChecklistItem],
    ticked: Collection[int] | None,
    by: User,
    record: models.Model,
    branch_id: int,
    service_point_id: int | None,
    day,
    new: bool = False,
    keep_ticked: bool = False,
) -> dict[int, bool]:
    """A row for each item, ticked or not (the defaults when `ticked` is None). For a record
    that has rows already, only the items whose state changed are written again, so each row
    keeps the version and the words it was ticked under (a row written again takes the
    item's words now, as they were asked again); `keep_ticked` never unticks what someone
    ticked. Returns the items' states now, by item pk."""
    if ticked is None:
        ticked = {item.pk for item in items if item.default_ticked}
    now = timezone.now()
    where = {"branch_id": branch_id, "service_point_id": service_point_id, "day": day}
    named = of_record(record)
    existing = {} if new else {tick.item_id: tick for tick in ChecklistTick.objects.filter(**named)}
    missing, changed = [], []
    for item in items:
        state = item.pk in ticked
        tick = existing.get(item.pk)
        if tick is None:
            missing.append(
                ChecklistTick(
                    item=item,
                    label=item.label,
                    version_id=item.policy_version_id,
                    ticked=state,
                    by=by,
                    at=now,
                    **named,
                    **where,
                )
            )
        elif tick.ticked != state and not (keep_ticked and tick.ticked):
            tick.ticked, tick.label, tick.version_id = state, item.label, item.policy_version_id
            tick.by, tick.at = by, now
            changed.append(tick)
    ChecklistTick.objects.bulk_create(missing)
    if changed:
        ChecklistTick.objects.bulk_update(changed, ["ticked", "label", "version", "by", "at"])
    if existing and any(tick.day != day for tick in existing.values()):
        ChecklistTick.objects.filter(**named).update(day=day)
    rows = existing | {tick.item_id: tick for tick in missing}
    return {item.pk: rows[item.pk].ticked for item in items}


def interaction_ticks_record(
    *, interaction: models.Model, by: User, ticked: Collection[int] | None = None, new: bool = False
) -> dict[int, bool]:
    """The interaction and phone items that apply to an interaction, as ticked in the desk
    form (or their defaults, for a quick-log). Items that no longer apply after a correction
    (the channel is no longer the phone) lose their rows. The caller checks that `by` may
    log or correct it. Returns the items that apply, ticked or not, by item pk."""
    items = items_for(*INTERACTION_CHECKLISTS)
    applies = applicable(items, channel=interaction.channel, needs_alternative=interaction.needs_alternative)
    if not new:
        gone = [item.pk for item in items if item not in applies]
        ChecklistTick.objects.filter(item__in=gone, **of_record(interaction)).delete()
    return _record(
        items=applies,
        ticked=ticked,
        by=by,
        record=interaction,
        branch_id=interaction.branch_id,
        service_point_id=interaction.service_point_id,
        day=timezone.localdate(interaction.occurred_at),
        new=new,
    )


def ticks_move(*, record: models.Model, day) -> None:
    """A record's day was corrected without its checklist: its rows move to that day, as
    they carry the record's day (ChecklistTick)."""
    ChecklistTick.objects.filter(**of_record(record)).exclude(day=day).update(day=day)


@transaction.atomic
def desk_session_record(*, service_point, kind: str, by: User, ticked: Collection[int]) -> DeskSession:
    """Opening or closing a desk today: one record a day per service point and kind, which
    everyone who signs on adds to (what one colleague ticked stays ticked)."""
    if not service_points_for(by).filter(pk=service_point.pk).exists():
        raise PermissionDenied("You cannot open or close that service point.")
    day = timezone.localdate()
    session, _ = DeskSession.objects.get_or_create(service_point=service_point, kind=kind, day=day)
    key = Key.DESK_OPENING if kind == DeskSession.Kind.OPENING else Key.DESK_CLOSING
    _record(
        items=items_for(key),
        ticked=ticked,
        by=by,
        record=session,
        branch_id=service_point.branch_id,
        service_point_id=service_point.pk,
        day=day,
        keep_ticked=True,
    )
    return session


def welcome_ticks_record(*, patron: models.Model, by: User, ticked: Collection[int], service_point=None) -> None:
    """How a new borrower was welcomed, counted at the desk where they registered (or at
    their home branch when staff were at no desk)."""
    if not serves_patrons(by):
        raise PermissionDenied("Only staff who serve patrons welcome a new borrower.")
    _record(
        items=items_for(Key.WELCOME),
        ticked=ticked,
        by=by,
        record=patron,
        branch_id=service_point.branch_id if service_point else patron.home_branch_id,
        service_point_id=service_point.pk if service_point else None,
        day=timezone.localdate(),
    )


@transaction.atomic
def complaint_ticks_record(*, complaint: models.Model, by: User, ticked: Collection[int]) -> None:
    """How a complaint was handled, ticked by whoever may work on it: a supervisor of its
    branch or the Director. Counted where and when the complaint was received."""
    if not may_work_complaint(by, complaint):
        raise PermissionDenied("Only a supervisor of the branch or the Director records how a complaint was handled.")
    _record(
        items=items_for(Key.COMPLAINT),
        ticked=ticked,
        by=by,
        record=complaint,
        branch_id=complaint.branch_id,
        service_point_id=complaint.service_point_id,
        day=timezone.localdate(complaint.received_at),
    )


# The Director edits the items ---------------------------------------------------------------

@transaction.atomic
def checklist_items_edit(*, checklist: Checklist, by: User, version: int, changes: dict[int, dict]) -> Checklist:
    """Change the label, default, position, active state and "only when" of a checklist's
    items; `changes` by item pk. The Director only (roles.md: "write and publish"). Refused
    with EditConflict when someone saved the checklist after `version` was read.

    Each edit is a new version of the checklist. A reworded item stays the same item, so
    the reports count it across its wordings, while the ticks made before keep the words
    they were asked in (ChecklistTick.label)."""
    if not may_edit_checklists(by):
        raise PermissionDenied("Only the Director edits the checklists.")
    items = {item.pk: item for item in checklist.items.all()}
    unknown = set(changes) - set(items)
    if unknown:
        raise ValidationError("Some items are not on this checklist any more: reload the page.")
    errors = []
    for pk, fields in changes.items():
        item = items[pk]
        for name, value in fields.items():
            setattr(item, name, value.strip() if isinstance(value, str) else value)
        if not item.label:
            errors.append(f"Item {item.position or pk}: write the label staff see next to the checkbox.")
    if errors:
        raise ValidationError(errors)
    versioned_update(checklist, version=version)
    ChecklistItem.objects.bulk_update(
        [items[pk] for pk in changes], ["label", "default_ticked", "position", "active", "only_when"]
    )
    shared_cache.invalidate(CACHE_GROUP)  # bulk_update sends no post_save
    return checklist
