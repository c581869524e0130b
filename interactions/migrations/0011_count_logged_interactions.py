from django.db import migrations
from django.db.models import Count, DateField, Q, Value
from django.db.models.functions import ExtractHour, TruncDate, TruncMonth

BATCH = 5_000
WHERE = ("branch", "service_point")
FIELDS = ("kind", "channel", "effort", "outcome", "alternative")


def _save(model, groups, counts) -> None:
    batch = []
    for row in groups.annotate(**counts).order_by().iterator(chunk_size=BATCH):
        batch.append(model(**{model._meta.get_field(name).attname: value for name, value in row.items()}))
        if len(batch) == BATCH:
            model.objects.bulk_create(batch)
            batch = []
    model.objects.bulk_create(batch)


def count_logged(apps, schema_editor):
    """The reports' counts of what was logged before them, as interactions/rollup.py keeps
    them from now on (and `manage.py rebuild_counts` counts them again): counted interactions
    only, by the library's day, hour and month. Grouped in the database; a million
    interactions make a few hundred thousand rows."""
    Interaction = apps.get_model("interactions", "Interaction")
    ChecklistTick = apps.get_model("policy", "ChecklistTick")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Breakdown = apps.get_model("interactions", "BreakdownCount")
    counted = Interaction.objects.filter(voided_at__isnull=True)
    by_day = counted.annotate(day=TruncDate("occurred_at"))
    interactions = {"interactions": Count("pk")}
    _save(apps.get_model("interactions", "HourCount"), by_day.values("day", *WHERE, hour=ExtractHour("occurred_at")), interactions)
    _save(apps.get_model("interactions", "DayCount"), by_day.values("day", *WHERE, "kind"), interactions)
    _save(Breakdown, by_day.values("day", *WHERE, *FIELDS).annotate(grain=Value("day")), interactions)
    by_month = counted.values(*WHERE, *FIELDS, day=TruncMonth("occurred_at", output_field=DateField()))
    _save(Breakdown, by_month.annotate(grain=Value("month")), interactions)
    interaction_type = ContentType.objects.filter(app_label="interactions", model="interaction").first()
    if interaction_type is None:  # a new database: nothing logged yet
        return
    # An interaction's checklist rows carry its service point (a row without one, made by
    # hand, is no interaction's and is left out).
    ticks = (
        ChecklistTick.objects.filter(content_type=interaction_type, service_point__isnull=False)
        .exclude(object_id__in=Interaction.objects.filter(voided_at__isnull=False).values("pk"))
        .values("day", *WHERE, "item")
    )
    _save(apps.get_model("interactions", "TickCount"), ticks, {"asked": Count("pk"), "ticks": Count("pk", filter=Q(ticked=True))})


def forget_counts(apps, schema_editor):
    for name in ("HourCount", "DayCount", "BreakdownCount", "TickCount"):
        apps.get_model("interactions", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("interactions", "0010_report_counts"),
    ]

    operations = [migrations.RunPython(count_logged, forget_counts)]
