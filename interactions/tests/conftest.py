import re

import pytest

from interactions.models import InteractionKind


@pytest.fixture
def directional(db):
    return InteractionKind.objects.get(name="Directional")


@pytest.fixture
def reference(db):
    return InteractionKind.objects.get(name="Reference")


def submission_keys(response) -> list[str]:
    return re.findall(r'name="submission_key" value="([^"]+)"', response.content.decode())


def tick_field(principle_key: str, checklist: str = "interaction") -> str:
    """The desk form's checkbox of the checklist item that names the principle."""
    from policy.models import ChecklistItem

    return f"tick_{ChecklistItem.objects.get(checklist__key=checklist, principle_key=principle_key).pk}"


def ticked_keys(interaction) -> set[str]:
    """The principles of the items ticked for an interaction."""
    return set(
        interaction.checklist_ticks.filter(ticked=True).values_list("item__principle_key", flat=True)
    )
