"""Each tick keeps the words its item was asked in, so that rewording an item no longer
changes what old records show. The ticks made before are given their item's words now: the
only wording known for them."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def label_from_item(apps, schema_editor):
    ChecklistItem = apps.get_model("policy", "ChecklistItem")
    ChecklistTick = apps.get_model("policy", "ChecklistTick")
    words = ChecklistItem.objects.filter(pk=OuterRef("item_id")).values("label")[:1]
    ChecklistTick.objects.update(label=Subquery(words))


class Migration(migrations.Migration):

    dependencies = [
        ("policy", "0008_checklist_tick_kind_day_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="checklisttick",
            name="label",
            field=models.CharField(default="", max_length=120),
            preserve_default=False,
        ),
        migrations.RunPython(label_from_item, migrations.RunPython.noop),
    ]
