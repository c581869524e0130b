from django.db import migrations
from django.db.models import Max, OuterRef, Subquery

BATCH = 10_000


def stamp_branch(apps, schema_editor):
    """Each interaction gets the branch its service point is in now: until now the branch
    was read through the point, so this keeps every row in the scope it had. A range of
    ids at a time, so that a large table is not rewritten in one statement."""
    Interaction = apps.get_model("interactions", "Interaction")
    ServicePoint = apps.get_model("staff", "ServicePoint")
    branch_of_point = Subquery(ServicePoint.objects.filter(pk=OuterRef("service_point_id")).values("branch_id")[:1])
    highest = Interaction.objects.aggregate(highest=Max("pk"))["highest"] or 0
    for start in range(0, highest, BATCH):
        Interaction.objects.filter(pk__gt=start, pk__lte=start + BATCH, branch__isnull=True).update(
            branch_id=branch_of_point
        )


class Migration(migrations.Migration):
    dependencies = [
        ("interactions", "0006_interaction_branch"),
    ]

    operations = [
        # Backwards, 0006 drops the column: nothing to undo here.
        migrations.RunPython(stamp_branch, migrations.RunPython.noop),
    ]
