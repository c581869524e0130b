"""The kinds of the glossary; the library edits them and adds its own in the admin."""

from django.db import migrations

KINDS = [
    # name, counts as a reference transaction, position
    ("Directional", False, 10),
    ("Reference", True, 20),
    ("Circulation/account", False, 30),
    ("Technology", True, 40),
    ("Policy/complaint", False, 50),
    ("Other", False, 60),
]


def seed_kinds(apps, schema_editor):
    InteractionKind = apps.get_model("interactions", "InteractionKind")
    for name, counts_as_reference, position in KINDS:
        InteractionKind.objects.get_or_create(
            name=name,
            defaults={"counts_as_reference": counts_as_reference, "position": position, "on_quick_log": True},
        )


def remove_kinds(apps, schema_editor):
    InteractionKind = apps.get_model("interactions", "InteractionKind")
    InteractionKind.objects.filter(name__in=[name for name, _, _ in KINDS], interactions__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("interactions", "0001_initial")]

    operations = [migrations.RunPython(seed_kinds, remove_kinds)]
