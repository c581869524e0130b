"""What de-identification clears of an interaction: derived from the model
(servicedesk/lib/retention.py); this test says what it must be, so a text field added to
Interaction is classified on purpose."""

from django.apps import apps

from interactions.models import BreakdownCount, DayCount, HourCount, Interaction, InteractionKind, TickCount
from interactions.services import KEEP
from servicedesk.lib.retention import parts, text_fields


def test_the_note_and_the_void_reason_are_the_free_text_and_they_are_cleared():
    assert text_fields(Interaction, keep=KEEP[Interaction]) == ["note", "void_reason"]


def test_nothing_hangs_off_an_interaction_to_clear():
    assert parts(Interaction) == []


def test_every_interactions_model_is_classified():
    # Kinds are the library's own list, not a record of a patron's; the reports' counts are
    # numbers by day, place and code, with no text and no person.
    counts = {HourCount, DayCount, BreakdownCount, TickCount}
    assert set(apps.get_app_config("interactions").get_models()) == set(KEEP) | {InteractionKind} | counts
