"""The desk form's two yes/no questions become ticks of the interaction checklist: each
interaction gets a row for "follow-up question asked" and one for "invited to return",
ticked where the old field said yes. Both are rows, ticked or not, because the form showed
both questions: the follow-through report counts what was shown, and an old "no" is a
question shown and left unticked. Each row records the policy version in effect on the
day of the interaction (the first version for interactions older than any)."""

import bisect
import itertools

from django.db import migrations
from django.utils import timezone

BATCH = 2000
# The old field -> the principle key of its checklist item (policy 0004).
FIELDS = {"follow_up_asked": "follow-up", "invited_to_return": "invite-to-return"}


def ticks_from_yes_no(apps, schema_editor):
    Interaction = apps.get_model("interactions", "Interaction")
    ChecklistItem = apps.get_model("policy", "ChecklistItem")
    ChecklistTick = apps.get_model("policy", "ChecklistTick")
    PolicyVersion = apps.get_model("policy", "PolicyVersion")
    items = {
        item.principle_key: item
        for item in ChecklistItem.objects.filter(checklist__key="interaction", principle_key__in=FIELDS.values())
    }
    if len(items) < len(FIELDS):
        return
    policy_id = next(iter(items.values())).checklist.policy_id
    versions = list(PolicyVersion.objects.filter(policy_id=policy_id).order_by("effective_on", "number"))
    starts = [version.effective_on for version in versions]

    def version_on(day):
        return versions[max(bisect.bisect_right(starts, day) - 1, 0)]

    rows = (
        Interaction.objects.order_by("pk")
        .values_list("pk", "staff_id", "service_point_id", "service_point__branch_id", "occurred_at", "created_at", *FIELDS)
        .iterator(chunk_size=BATCH)
    )
    for batch in itertools.batched(rows, BATCH):
        ticks = []
        for pk, staff_id, point_id, branch_id, occurred_at, created_at, *answers in batch:
            day = timezone.localdate(occurred_at)
            version = version_on(day)
            for key, answer in zip(FIELDS.values(), answers):
                ticks.append(
                    ChecklistTick(
                        item=items[key],
                        version=version,
                        ticked=answer,
                        by_id=staff_id,
                        at=created_at,
                        interaction_id=pk,
                        branch_id=branch_id,
                        service_point_id=point_id,
                        day=day,
                    )
                )
        ChecklistTick.objects.bulk_create(ticks, ignore_conflicts=True)


def yes_no_from_ticks(apps, schema_editor):
    Interaction = apps.get_model("interactions", "Interaction")
    ChecklistTick = apps.get_model("policy", "ChecklistTick")
    for field, key in FIELDS.items():
        ticked = ChecklistTick.objects.filter(
            item__checklist__key="interaction", item__principle_key=key, ticked=True, interaction__isnull=False
        )
        Interaction.objects.filter(pk__in=ticked.values("interaction_id")).update(**{field: True})
    ChecklistTick.objects.filter(
        item__checklist__key="interaction", item__principle_key__in=FIELDS.values(), interaction__isnull=False
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("interactions", "0002_seed_interaction_kinds"),
        ("policy", "0004_principle_keys_and_checklists"),
    ]

    operations = [migrations.RunPython(ticks_from_yes_no, yes_no_from_ticks)]
