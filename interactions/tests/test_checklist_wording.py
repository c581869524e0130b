"""A record shows its checklist in the words staff read when it was made: the Director's
rewording of an item changes the desk form and the reports' names of the item, never what
old records say was asked; the reports count the item across its wordings."""

import pytest
from django.urls import reverse

from interactions import services
from interactions.models import Interaction, InteractionKind
from policy.checklists import checklist_items_edit
from policy.models import Checklist, ChecklistItem
from policy.tests.test_checklists_page import URL as EDITOR, edit_data

OLD, NEW = "Follow-up question asked", "Asked a follow-up question"


def follow_up():
    return ChecklistItem.objects.get(checklist__key="interaction", principle_key="follow-up")


def log(staff, point) -> Interaction:
    interaction, _ = services.interaction_log(
        by=staff, service_point=point, kind=InteractionKind.objects.get(name="Reference"), checklist={follow_up().pk}
    )
    return interaction


@pytest.fixture
def before_and_after(director_client, desk, reference_desk):
    """An interaction logged under the old wording, the Director's rewording, and one logged after."""
    before = log(desk, reference_desk)
    checklist = Checklist.objects.get(key="interaction")
    response = director_client.post(EDITOR, edit_data(checklist, **{f"{follow_up().pk}_label": NEW}))
    assert response.status_code == 302
    return before, log(desk, reference_desk)


def test_the_rewording_is_a_new_version_of_the_same_item(before_and_after):
    assert Checklist.objects.get(key="interaction").version == 2
    assert follow_up().label == NEW
    before, after = (record.checklist_ticks.get(item=follow_up()) for record in before_and_after)
    assert (before.label, before.ticked, after.label, after.ticked) == (OLD, True, NEW, True)


def what_was_asked(client, interaction) -> str:
    """The record's checklist on its page (the correction form beside it asks in today's words)."""
    html = client.get(reverse("interactions:detail", args=[interaction.pk])).content.decode()
    return html.split('class="list-unstyled mb-0 checklist-ticks">')[1].split("</ul>")[0]


def test_an_old_record_shows_the_old_wording_and_a_new_one_the_new(desk_client, before_and_after):
    before, after = before_and_after
    old, new = what_was_asked(desk_client, before), what_was_asked(desk_client, after)
    assert OLD in old and NEW not in old
    assert NEW in new and OLD not in new


def test_the_follow_through_counts_both_wordings_under_the_item(director_client, before_and_after):
    report = director_client.get(reverse("policy:follow_through")).context["report"]
    section = next(section for section in report.sections if section.checklist.key == "interaction")
    rows = [row for row in section.rows if row.item.principle_key == "follow-up"]
    assert len(rows) == 1
    assert rows[0].item.label == NEW
    assert (rows[0].total.ticked, rows[0].total.shown) == (2, 2)


def test_a_correction_keeps_the_old_words_of_what_it_leaves_and_asks_again_in_the_new(desk, director, before_and_after):
    before, _ = before_and_after
    greet = ChecklistItem.objects.get(checklist__key="interaction", principle_key="greet")
    greet_label, checklist = greet.label, greet.checklist
    checklist_items_edit(
        checklist=checklist, by=director, version=checklist.version, changes={greet.pk: {"label": "Said hello"}}
    )
    before.refresh_from_db()
    services.interaction_correct(interaction=before, by=desk, version=before.version, checklist=set())
    ticks = {tick.item_id: tick for tick in before.checklist_ticks.all()}
    assert (ticks[follow_up().pk].label, ticks[follow_up().pk].ticked) == (NEW, False)
    assert (ticks[greet.pk].label, ticks[greet.pk].ticked) == (greet_label, False)
