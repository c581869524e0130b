"""The four foreign keys of a tick go; (kind of record, id) is required, indexed, and unique
per item, as each foreign key was."""

import django.db.models.deletion
from django.db import migrations, models

RECORDS = ("interaction", "complaint", "patron", "desk_session")


class Migration(migrations.Migration):

    dependencies = [("policy", "0006_tick_record_from_foreign_keys")]

    operations = [
        *[
            migrations.RemoveConstraint(model_name="checklisttick", name=f"checklist_tick_once_per_{record}")
            for record in RECORDS
        ],
        *[migrations.RemoveField(model_name="checklisttick", name=record) for record in RECORDS],
        migrations.AlterField(
            model_name="checklisttick",
            name="content_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="contenttypes.contenttype"
            ),
        ),
        migrations.AlterField(
            model_name="checklisttick",
            name="object_id",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AddIndex(
            model_name="checklisttick",
            index=models.Index(fields=["content_type", "object_id"], name="checklist_tick_record_idx"),
        ),
        migrations.AddConstraint(
            model_name="checklisttick",
            constraint=models.UniqueConstraint(
                fields=("item", "content_type", "object_id"), name="checklist_tick_once_per_record"
            ),
        ),
    ]
