"""Each tick's record, from the foreign key that was set to (its kind, its id); and back."""

from django.db import migrations
from django.db.models import F

# The foreign key of each kind of record -> its content type.
RECORDS = {
    "interaction": ("interactions", "interaction"),
    "complaint": ("feedback", "complaint"),
    "patron": ("patrons", "patron"),
    "desk_session": ("policy", "desksession"),
}


def record_from_foreign_keys(apps, schema_editor):
    ChecklistTick = apps.get_model("policy", "ChecklistTick")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for field, (app_label, model) in RECORDS.items():
        ticks = ChecklistTick.objects.filter(**{f"{field}__isnull": False})
        if ticks.exists():
            # Content types are made after migrating; a database with ticks may lack them yet.
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            ticks.update(content_type=content_type, object_id=F(f"{field}_id"))


def foreign_keys_from_record(apps, schema_editor):
    ChecklistTick = apps.get_model("policy", "ChecklistTick")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for field, (app_label, model) in RECORDS.items():
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if content_type:
            ChecklistTick.objects.filter(content_type=content_type).update(**{f"{field}_id": F("object_id")})


class Migration(migrations.Migration):

    dependencies = [("policy", "0005_tick_names_its_record_by_kind_and_id")]

    operations = [migrations.RunPython(record_from_foreign_keys, foreign_keys_from_record)]
