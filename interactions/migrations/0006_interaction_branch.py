import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The branch is stamped on every interaction; 0007 fills it for the rows already there,
    0008 then makes it required. Three migrations, so that on PostgreSQL the rows are not
    updated and the table altered in one transaction."""

    dependencies = [
        ("interactions", "0005_interaction_deidentified_at"),
        ("staff", "0010_access_record_triggers"),
        # After the ticks' move (their migration tests step back to an interaction without a
        # branch), so that stepping back through those also steps back through this.
        ("policy", "0007_drop_tick_foreign_keys"),
    ]

    operations = [
        migrations.AddField(
            model_name="interaction",
            name="branch",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="interactions",
                to="staff.branch",
            ),
        ),
    ]
