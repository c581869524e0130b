"""The starting texts of responses to patrons. The Administrator edits them in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = ["view_replytemplate", "change_replytemplate"]

TEMPLATES = [
    (
        "complaint_acknowledge",
        "Your comments to the library (reference {reference})",
        "Dear {name},\n\n"
        "Thank you for telling us about your experience at {branch}. We have received your "
        "comments (reference {reference}) and a supervisor is looking into them. We will reply "
        "within ten working days.\n\n"
        "Yours sincerely,\n{branch}",
    ),
    (
        "complaint_response",
        "Our response to your comments (reference {reference})",
        "Dear {name},\n\n"
        "Thank you for taking the time to tell us about your experience at {branch}, and for "
        "your patience while we looked into it.\n\n"
        "[What we found, what we have done, and what happens next.]\n\n"
        "If you are not satisfied with this response, you may ask for it to be referred to the "
        "Library Director.\n\n"
        "Yours sincerely,\n{branch}",
    ),
    (
        "review_acknowledge",
        "Your request for reconsideration (reference {reference})",
        "Dear {name},\n\n"
        "We have received your request that the library reconsider an item in its collection "
        "(reference {reference}). A committee of library staff will read, view or listen to "
        "the whole item, consult professional reviews, and consider it against the library's "
        "collection policy. The item stays available while it is being reviewed. We will write "
        "to you with the decision and its reasons.\n\n"
        "Yours sincerely,\n{branch}",
    ),
    (
        "review_decision",
        "The decision on your request for reconsideration (reference {reference})",
        "Dear {name},\n\n"
        "Thank you for your request that the library reconsider an item in its collection "
        "(reference {reference}). The review committee has read the whole item and considered "
        "professional reviews and the library's collection policy.\n\n"
        "{decision}\n\n{reasons}\n\n"
        "If you disagree with this decision, you may appeal to the Library Director in writing "
        "by {appeal_by}.\n\n"
        "Yours sincerely,\n{branch}",
    ),
]


def create(apps, schema_editor):
    ReplyTemplate = apps.get_model("feedback", "ReplyTemplate")
    for kind, subject, body in TEMPLATES:
        ReplyTemplate.objects.get_or_create(kind=kind, defaults={"subject": subject, "body": body})


def grant(apps, schema_editor):
    feedback = apps.get_app_config("feedback")
    feedback.models_module = True
    create_permissions(feedback, verbosity=0)
    feedback.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="Administrator").permissions.add(
        *Permission.objects.filter(content_type__app_label="feedback", codename__in=PERMISSIONS)
    )


def remove(apps, schema_editor):
    apps.get_model("feedback", "ReplyTemplate").objects.filter(kind__in=[kind for kind, _, _ in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial"), ("staff", "0002_create_roles")]

    operations = [migrations.RunPython(create, remove), migrations.RunPython(grant, migrations.RunPython.noop)]
