from django.db import migrations
from django.db.models import Count, Q
from django.db.models.functions import ExtractHour, TruncDate

BATCH = 5_000


def _save(model, rows) -> None:
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        batch.append(model(**{model._meta.get_field(name).attname: value for name, value in row.items()}))
        if len(batch) == BATCH:
            model.objects.bulk_create(batch)
            batch = []
    model.objects.bulk_create(batch)


def count_logged(apps, schema_editor):
    """The reports' counts of what was logged before them, as interactions/rollup.py keeps
    them from now on (and `manage.py rebuild_counts` recounts them): counted interactions
    only, by the library's day and hour. Grouped in the database; a million interactions
    make a few hundred thousand rows at most."""
    Interaction = apps.get_model("interactions", "Interaction")
    ChecklistTick = apps.get_model("policy", "ChecklistTick")
    ContentType = apps.get_model("contenttypes", "ContentType")
    counted = Interaction.objects.filter(voided_at__isnull=True).annotate(day=TruncDate("occurred_at"))
    _save(
        apps.get_model("interactions", "HourCount"),
        counted.values("day", "branch", "service_point", hour=ExtractHour("occurred_at")).annotate(interactions=Count("pk")).order_by(),
    )
    _save(
        apps.get_model("interactions", "DayCount"),
        counted.values("day", "branch", "service_point", "kind", "channel", "effort", "outcome", "alternative")
        .annotate(interactions=Count("pk"))
        .order_by(),
    )
    interaction_type = ContentType.objects.filter(app_label="interactions", model="interaction").first()
    if interaction_type is None:  # a new database: nothing logged yet
        return
    _save(
        apps.get_model("interactions", "TickCount"),
        ChecklistTick.objects.filter(content_type=interaction_type)
        .exclude(object_id__in=Interaction.objects.filter(voided_at__isnull=False).values("pk"))
        .values("day", "branch", "service_point", "item")
        .annotate(asked=Count("pk"), ticks=Count("pk", filter=Q(ticked=True)))
        .order_by(),
    )


def forget_counts(apps, schema_editor):
    for name in ("HourCount", "DayCount", "TickCount"):
        apps.get_model("interactions", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("interactions", "0010_report_counts"),
    ]

    operations = [migrations.RunPython(count_logged, forget_counts)]
