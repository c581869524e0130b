"""After the Director decides an appeal, the requester is told by a letter, like the other
steps: its template, its deadline and when it was sent. An appeal decided before this
migration has its letter due from the day it was decided."""

from django.db import migrations, models

SUBJECT = "The decision on your appeal (reference {reference})"
BODY = (
    "Dear {name},\n\n"
    "The Library Director has considered your appeal against the decision on your request for "
    "reconsideration (reference {reference}).\n\n"
    "{decision}\n\n"
    "{reasons}\n\n"
    "This is the library's final decision on your request.\n\n"
    "Yours sincerely,"
)


def create(apps, schema_editor):
    apps.get_model("feedback", "ReplyTemplate").objects.get_or_create(
        kind="review_appeal_decision", defaults={"subject": SUBJECT, "body": BODY}
    )
    for review in apps.get_model("feedback", "ReviewRequest").objects.filter(status="appeal_decided"):
        review.appeal_letter_by = review.appeal_decided_at.date()
        review.save(update_fields=["appeal_letter_by"])


def remove(apps, schema_editor):
    apps.get_model("feedback", "ReplyTemplate").objects.filter(kind="review_appeal_decision").delete()
    apps.get_model("feedback", "ReviewRequest").objects.filter(status="appeal_notified").update(status="appeal_decided")


class Migration(migrations.Migration):

    dependencies = [
        ('feedback', '0009_letters_signed_by_their_sender'),
    ]

    operations = [
        migrations.AddField(
            model_name='reviewrequest',
            name='appeal_letter_by',
            field=models.DateField(blank=True, null=True, verbose_name='tell the requester the appeal decision by'),
        ),
        migrations.AddField(
            model_name='reviewrequest',
            name='appeal_notified_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='appeal decision letter sent'),
        ),
        migrations.AlterField(
            model_name='replytemplate',
            name='kind',
            field=models.CharField(choices=[('complaint_acknowledge', 'Complaint: acknowledgment'), ('complaint_response', 'Complaint: response'), ('review_acknowledge', 'Review request: acknowledgment'), ('review_decision', 'Review request: decision letter'), ('review_appeal_decision', 'Review request: appeal decision letter'), ('card_reply', 'Comment card: reply')], max_length=30, unique=True),
        ),
        migrations.AlterField(
            model_name='reviewrequest',
            name='status',
            field=models.CharField(choices=[('received', 'Received'), ('acknowledged', 'Acknowledged'), ('committee', 'Committee reviewing'), ('decided', 'Decided'), ('notified', 'Decision letter sent'), ('appealed', 'Appealed to the Director'), ('appeal_decided', 'Appeal decided'), ('appeal_notified', 'Appeal decision letter sent'), ('closed', 'Closed')], db_index=True, default='received', max_length=20),
        ),
        migrations.RunPython(create, remove),
    ]
