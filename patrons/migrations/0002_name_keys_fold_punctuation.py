"""Name keys now fold punctuation (patrons.names.name_key): "O’Brien" and "O'Brien" share a
key, "Smith-Jones" is "smith jones". Existing patrons' keys are recomputed."""

from django.db import migrations

from patrons.names import name_key

BATCH = 2000


def recompute(apps, schema_editor):
    Patron = apps.get_model("patrons", "Patron")
    changed = []
    for patron in Patron.objects.only("first_name", "last_name", "first_name_key", "last_name_key").iterator(BATCH):
        keys = name_key(patron.first_name), name_key(patron.last_name)
        if keys != (patron.first_name_key, patron.last_name_key):
            patron.first_name_key, patron.last_name_key = keys
            changed.append(patron)
        if len(changed) == BATCH:
            Patron.objects.bulk_update(changed, ["first_name_key", "last_name_key"])
            changed = []
    Patron.objects.bulk_update(changed, ["first_name_key", "last_name_key"])


class Migration(migrations.Migration):
    dependencies = [("patrons", "0001_initial")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
