"""The Administrator keeps the opening hours in the Django admin (the Branch page's inline),
as they keep the closed days (0008): without these permissions the inline is not shown."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = ["view_openinghours", "add_openinghours", "change_openinghours", "delete_openinghours"]


def grant(apps, schema_editor):
    staff = apps.get_app_config("staff")
    staff.models_module = True
    create_permissions(staff, verbosity=0)
    staff.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="Administrator").permissions.add(
        *Permission.objects.filter(content_type__app_label="staff", codename__in=PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="Administrator").permissions.remove(
        *Permission.objects.filter(content_type__app_label="staff", codename__in=PERMISSIONS)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0014_shifts"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
