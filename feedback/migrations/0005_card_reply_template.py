"""The reply to a comment card starts from an editable template, like complaint and review
letters (the Administrator edits them in the admin); its text is the one the app wrote
before."""

from django.db import migrations, models

SUBJECT = "Your comments to the library (reference {reference})"
BODY = (
    "Dear {name},\n\n"
    "Thank you for your comment card (reference {reference}) at {branch}. Our patrons are not an "
    "interruption of our work, they are our work, and we read every card.\n\n\n\n"
    "With best wishes,\n{branch} library"
)


def create(apps, schema_editor):
    apps.get_model("feedback", "ReplyTemplate").objects.get_or_create(
        kind="card_reply", defaults={"subject": SUBJECT, "body": BODY}
    )


def remove(apps, schema_editor):
    apps.get_model("feedback", "ReplyTemplate").objects.filter(kind="card_reply").delete()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0004_title_keys_fold_punctuation")]

    operations = [
        migrations.AlterField(
            model_name="replytemplate",
            name="kind",
            field=models.CharField(
                choices=[
                    ("complaint_acknowledge", "Complaint: acknowledgment"),
                    ("complaint_response", "Complaint: response"),
                    ("review_acknowledge", "Review request: acknowledgment"),
                    ("review_decision", "Review request: decision letter"),
                    ("card_reply", "Comment card: reply"),
                ],
                max_length=30,
                unique=True,
            ),
        ),
        migrations.RunPython(create, remove),
    ]
