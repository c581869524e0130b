"""What a complaint response and a review decision letter say comes next depends on who sends
them and at which step (a letter from the Director never refers the patron to the Director):
the sentence becomes the {next_step} placeholder. A template the Administrator has reworded
keeps its words."""

from django.db import migrations

SENTENCES = {
    "complaint_response": (
        "If you are not satisfied with this response, you may ask for it to be referred to the "
        "Library Director."
    ),
    "review_decision": (
        "If you disagree with this decision, you may appeal to the Library Director in writing "
        "by {appeal_by}."
    ),
}


def _swap(apps, forward: bool) -> None:
    ReplyTemplate = apps.get_model("feedback", "ReplyTemplate")
    for template in ReplyTemplate.objects.filter(kind__in=SENTENCES):
        old, new = SENTENCES[template.kind], "{next_step}"
        if not forward:
            old, new = new, old
        if old in template.body:
            template.body = template.body.replace(old, new)
            template.save(update_fields=["body"])


def to_placeholder(apps, schema_editor):
    _swap(apps, forward=True)


def to_sentence(apps, schema_editor):
    _swap(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [("feedback", "0007_card_received_index")]

    operations = [migrations.RunPython(to_placeholder, to_sentence)]
