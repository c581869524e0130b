"""The four roles of roles.md as groups, with the model permissions each holds.

The permissions are listed here, frozen with this migration, rather than imported from the
app: a later change to a role is a new migration. Which records a role may see is decided in
staff/access.py, not by these permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SERVING = [
    "staff.view_branch",
    "staff.view_servicepoint",
    "patrons.view_patron",
    "patrons.add_patron",
    "patrons.change_patron",
    "interactions.view_interaction",
    "interactions.add_interaction",
    "interactions.change_interaction",
    "interactions.view_interactionkind",
]

ROLES = {
    "Desk staff": SERVING,
    "Supervisor": SERVING,
    "Director": SERVING,
    "Administrator": [
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.view_group",
        "staff.view_branch",
        "staff.add_branch",
        "staff.change_branch",
        "staff.view_servicepoint",
        "staff.add_servicepoint",
        "staff.change_servicepoint",
        "staff.view_staffprofile",
        "staff.add_staffprofile",
        "staff.change_staffprofile",
        "interactions.view_interactionkind",
        "interactions.add_interactionkind",
        "interactions.change_interactionkind",
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    create_groups(apps)


def create_groups(apps):
    """The groups and their permissions, once the permissions exist (the browser tests call
    this again after each live-server test empties the database)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("staff", "0001_initial"),
        ("patrons", "0001_initial"),
        ("interactions", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
