"""The access record gets a `detail` (what changed, never content) and becomes a hash chain
(staff.chain); the entries already there are linked in pk order. On PostgreSQL the
append-only trigger of 0004 is switched off for the length of this migration's transaction
(ALTER TABLE locks the table, so nothing is appended meanwhile); only the table's owner,
who runs migrations, may do that."""

from django.db import migrations, models

from staff import chain

BATCH = 2000


def _without_append_only_trigger(schema_editor, change):
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute("ALTER TABLE staff_accessrecord DISABLE TRIGGER staff_accessrecord_append_only")
    change()
    if postgres:
        schema_editor.execute("ALTER TABLE staff_accessrecord ENABLE TRIGGER staff_accessrecord_append_only")


def link_entries(apps, schema_editor):
    AccessRecord = apps.get_model("staff", "AccessRecord")

    def change():
        prev_hash, batch = chain.GENESIS, []
        for entry in AccessRecord.objects.order_by("pk").iterator(chunk_size=BATCH):
            entry.prev_hash = prev_hash
            entry.hash = prev_hash = chain.entry_hash(
                {name: getattr(entry, name) for name in chain.HASHED_FIELDS}, entry.prev_hash
            )
            batch.append(entry)
            if len(batch) == BATCH:
                AccessRecord.objects.bulk_update(batch, ["prev_hash", "hash"])
                batch = []
        AccessRecord.objects.bulk_update(batch, ["prev_hash", "hash"])

    _without_append_only_trigger(schema_editor, change)


def unlink_entries(apps, schema_editor):
    AccessRecord = apps.get_model("staff", "AccessRecord")
    _without_append_only_trigger(schema_editor, lambda: AccessRecord.objects.update(prev_hash="", hash=""))


class Migration(migrations.Migration):

    dependencies = [
        ('staff', '0008_closed_days_and_deadlines'),
    ]

    operations = [
        migrations.AddField(
            model_name='accessrecord',
            name='detail',
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name='accessrecord',
            name='hash',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name='accessrecord',
            name='prev_hash',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.RunPython(link_entries, unlink_entries),
    ]
