"""The reply templates stop signing letters with the branch's short name: the app signs every
letter with its sender's name and title, the branch's full name and the library's
(feedback.services.notify.signature). A template the library has reworded keeps its ending."""

from django.db import migrations

OLD_ENDINGS = {"Yours sincerely,\n{branch}": "Yours sincerely,", "With best wishes,\n{branch} library": "With best wishes,"}


def drop_branch_signature(apps, schema_editor):
    ReplyTemplate = apps.get_model("feedback", "ReplyTemplate")
    for template in ReplyTemplate.objects.all():
        for old, new in OLD_ENDINGS.items():
            if template.body.endswith(old):
                template.body = template.body.removesuffix(old) + new
                template.save(update_fields=["body"])


def restore_branch_signature(apps, schema_editor):
    ReplyTemplate = apps.get_model("feedback", "ReplyTemplate")
    for template in ReplyTemplate.objects.all():
        for old, new in OLD_ENDINGS.items():
            if template.body.endswith(new):
                template.body = template.body.removesuffix(new) + old
                template.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("feedback", "0008_reply_templates_next_step")]

    operations = [migrations.RunPython(drop_branch_signature, restore_branch_signature)]
