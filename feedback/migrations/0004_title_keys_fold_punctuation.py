"""Title keys fold punctuation as patron name keys now do (patrons.names.name_key), so a
title reviewed before is found however its apostrophes and dashes were typed."""

from django.db import migrations

from patrons.names import name_key


def recompute(apps, schema_editor):
    ReviewRequest = apps.get_model("feedback", "ReviewRequest")
    changed = []
    for review in ReviewRequest.objects.only("title", "title_key").iterator(2000):
        if name_key(review.title) != review.title_key:
            review.title_key = name_key(review.title)
            changed.append(review)
    ReviewRequest.objects.bulk_update(changed, ["title_key"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("feedback", "0003_comment_cards_and_purchase_suggestions")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
