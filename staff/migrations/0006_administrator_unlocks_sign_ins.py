"""The Administrator unlocks an account locked after failed sign-ins: in the admin, deleting
its failed attempts (django-axes) lifts the lock."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = ["view_accessattempt", "delete_accessattempt"]


def grant(apps, schema_editor):
    axes = apps.get_app_config("axes")
    axes.models_module = True
    create_permissions(axes, verbosity=0)
    axes.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    administrator = Group.objects.get(name="Administrator")
    administrator.permissions.add(*Permission.objects.filter(content_type__app_label="axes", codename__in=PERMISSIONS))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="Administrator").permissions.remove(
        *Permission.objects.filter(content_type__app_label="axes", codename__in=PERMISSIONS)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0005_library_settings_and_retention"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
