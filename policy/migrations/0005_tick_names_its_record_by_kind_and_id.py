"""A checklist tick names its record by (kind of record, id) instead of four foreign keys to
the apps above the policy: first the new columns, filled in the next migration."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        # The yes/no answers became ticks through the interaction foreign key: that comes first.
        ("interactions", "0004_remove_yes_no_fields"),
        ("policy", "0004_principle_keys_and_checklists"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="checklisttick", name="checklist_tick_one_record"),
        migrations.AddField(
            model_name="checklisttick",
            name="content_type",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="checklisttick",
            name="object_id",
            field=models.PositiveBigIntegerField(null=True),
        ),
    ]
