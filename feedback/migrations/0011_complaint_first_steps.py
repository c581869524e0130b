"""When each complaint's timeline first took the steps the reports measure (acknowledged,
first resolved or escalated, escalated, decided), kept on the complaint so that a year's
report reads no steps: filled here from the existing timelines, 5,000 complaints an UPDATE,
as feedback.services.complaint_rules.count_first_steps does."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

FIRST_STEPS = {
    "acknowledged_at": ("acknowledge",),
    "settled_at": ("resolve", "escalate"),
    "escalated_at": ("escalate",),
    "decided_at": ("decide",),
}
BATCH = 5_000


def fill(apps, schema_editor):
    Complaint = apps.get_model("feedback", "Complaint")
    ComplaintStep = apps.get_model("feedback", "ComplaintStep")

    def first(actions):
        steps = ComplaintStep.objects.filter(complaint=OuterRef("pk"), action__in=actions)
        return Subquery(steps.order_by("at", "pk").values("at")[:1])

    pks = list(Complaint.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        batch = pks[start : start + BATCH]
        Complaint.objects.filter(pk__gte=batch[0], pk__lte=batch[-1]).update(
            **{field: first(actions) for field, actions in FIRST_STEPS.items()}
        )


class Migration(migrations.Migration):

    dependencies = [
        ('feedback', '0010_appeal_decision_letter'),
    ]

    operations = [
        migrations.AddField(
            model_name='complaint',
            name='acknowledged_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='complaint',
            name='decided_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='complaint',
            name='escalated_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='complaint',
            name='settled_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='first resolved or escalated'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
