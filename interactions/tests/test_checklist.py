"""The interaction checklist in the desk form: greeted, follow-up question asked, invited to
return, an alternative offered when staff could not comply, and the phone items for a call.
Each tick records the policy version it was ticked under."""

import datetime
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from interactions import services
from interactions.models import Interaction
from interactions.tests.conftest import tick_field, ticked_keys
from interactions.tests.factories import InteractionFactory
from interactions.tests.test_log import LOG, form_data
from policy.models import ChecklistItem, ChecklistTick, Policy
from policy.services import policy_publish
from policy.text import principles_as_text
from staff.tests.factories import ServicePointFactory

DESK = reverse("interactions:desk")


def quick(client, kind, **extra):
    return client.post(reverse("interactions:quick_log", args=[kind.pk]), {"submission_key": str(uuid.uuid4())}, **extra)


def publish_version_2(director):
    policy = Policy.objects.get(title="Customer Service Policy")
    current = policy.versions.get(number=1)
    return policy_publish(
        policy=policy,
        by=director,
        based_on=1,
        effective_on=timezone.localdate(),
        body=current.body + "\n\nRevised.",
        rationale=current.rationale,
        principles=principles_as_text(current.principles.order_by("position")),
        changes="A revised introduction.",
    )


def test_the_desk_form_shows_the_items_with_their_defaults(desk_at_reference):
    html = desk_at_reference.get(DESK).content.decode()
    greet, follow_up = tick_field("greet"), tick_field("follow-up")
    assert f'name="{greet}" class="checkboxinput form-check-input" id="id_{greet}" checked' in html
    assert f'name="{follow_up}" class="checkboxinput form-check-input" id="id_{follow_up}">' in html
    for label in ["Greeted with a smile", "Follow-up question asked", "Invited to return", "Offered an alternative"]:
        assert label in html
    assert 'data-only-when="needs_alternative"' in html and 'data-only-when="phone"' in html


def test_the_full_form_records_each_item_with_the_version_in_effect(desk_at_reference, reference, director):
    desk_at_reference.post(LOG, form_data(reference))
    first = Interaction.objects.get()
    assert set(first.checklist_ticks.values_list("item__principle_key", "ticked", "version__number")) == {
        ("greet", True, 1),
        ("follow-up", True, 1),
        ("invite-to-return", True, 1),
    }

    publish_version_2(director)
    desk_at_reference.post(LOG, form_data(reference, **{tick_field("follow-up"): ""}))
    second = Interaction.objects.exclude(pk=first.pk).get()
    assert set(second.checklist_ticks.values_list("version__number", flat=True)) == {2}
    assert ticked_keys(second) == {"greet", "invite-to-return"}
    assert set(first.checklist_ticks.values_list("version__number", flat=True)) == {1}


def test_a_correction_ticks_again_under_the_new_version_and_keeps_the_rest(desk, reference_desk, reference, director):
    interaction, _ = services.interaction_log(by=desk, service_point=reference_desk, kind=reference)
    publish_version_2(director)
    greet = ChecklistItem.objects.get(checklist__key="interaction", principle_key="greet").pk
    follow_up = ChecklistItem.objects.get(checklist__key="interaction", principle_key="follow-up").pk
    services.interaction_correct(interaction=interaction, by=desk, version=1, checklist={greet, follow_up})
    versions = dict(interaction.checklist_ticks.values_list("item__principle_key", "version__number"))
    assert versions == {"greet": 1, "follow-up": 2, "invite-to-return": 1}


def test_quick_log_ticks_the_defaults_in_one_click(desk_at_reference, directional):
    response = quick(desk_at_reference, directional)
    assert response.status_code == 302
    interaction = Interaction.objects.get()
    assert dict(interaction.checklist_ticks.values_list("item__principle_key", "ticked")) == {
        "greet": True,
        "follow-up": False,
        "invite-to-return": False,
    }


def test_the_director_changes_what_quick_log_ticks(desk_at_reference, directional):
    ChecklistItem.objects.filter(principle_key="invite-to-return", checklist__key="interaction").update(default_ticked=True)
    quick(desk_at_reference, directional)
    assert ticked_keys(Interaction.objects.get()) == {"greet", "invite-to-return"}


def test_offered_an_alternative_is_recorded_only_when_staff_could_not_comply(desk_at_reference, reference):
    alternative = tick_field("offer-alternative")
    desk_at_reference.post(LOG, form_data(reference, **{alternative: "on"}))
    answered = Interaction.objects.get()
    assert "offer-alternative" not in set(answered.checklist_ticks.values_list("item__principle_key", flat=True))

    desk_at_reference.post(LOG, form_data(reference, outcome="could_not_help", alternative="ill", **{alternative: "on"}))
    could_not = Interaction.objects.exclude(pk=answered.pk).get()
    assert "offer-alternative" in ticked_keys(could_not)


def test_phone_items_only_for_a_phone_call(desk_at_reference, reference):
    identify = tick_field("identify-the-library", checklist="phone")
    desk_at_reference.post(LOG, form_data(reference, **{identify: "on"}))
    in_person = Interaction.objects.get()
    assert not in_person.checklist_ticks.filter(item__checklist__key="phone").exists()

    desk_at_reference.post(LOG, form_data(reference, channel="phone", **{identify: "on"}))
    call = Interaction.objects.exclude(pk=in_person.pk).get()
    assert dict(call.checklist_ticks.filter(item__checklist__key="phone").values_list("item__principle_key", "ticked")) == {
        "identify-the-library": True,
        "offer-callback": False,
    }


def test_a_quick_log_on_the_phone_line_shows_the_phone_items_unticked(desk_client, main_branch, at_service_point, directional):
    at_service_point(desk_client, ServicePointFactory(branch=main_branch, name="Phone line", kind="phone"))
    quick(desk_client, directional)
    phone_rows = Interaction.objects.get().checklist_ticks.filter(item__checklist__key="phone")
    assert sorted(phone_rows.values_list("ticked", flat=True)) == [False, False]


def test_a_correction_to_in_person_drops_the_phone_items(desk, reference_desk, reference):
    interaction, _ = services.interaction_log(by=desk, service_point=reference_desk, kind=reference, channel="phone")
    assert interaction.checklist_ticks.filter(item__checklist__key="phone").count() == 2
    services.interaction_correct(interaction=interaction, by=desk, version=1, channel="in_person", checklist=set())
    assert not interaction.checklist_ticks.filter(item__checklist__key="phone").exists()
    assert interaction.checklist_ticks.filter(ticked=True).count() == 0


def test_a_time_corrected_to_another_day_takes_the_checklist_along(desk, reference_desk, reference):
    """The rows carry the interaction's day for the follow-through counts: corrected without
    its checklist, the interaction still takes them to its new day."""
    yesterday = timezone.now() - datetime.timedelta(days=1)
    interaction, _ = services.interaction_log(by=desk, service_point=reference_desk, kind=reference)
    services.interaction_correct(interaction=interaction, by=desk, version=1, occurred_at=yesterday)
    assert set(interaction.checklist_ticks.values_list("day", flat=True)) == {timezone.localdate(yesterday)}


def test_repeat_last_repeats_what_was_ticked(desk_at_reference, reference):
    desk_at_reference.post(LOG, form_data(reference))
    desk_at_reference.post(reverse("interactions:repeat_last"), {"submission_key": str(uuid.uuid4())})
    first, repeated = Interaction.objects.order_by("pk")
    assert ticked_keys(repeated) == ticked_keys(first) == {"greet", "follow-up", "invite-to-return"}


def test_a_deactivated_item_is_no_longer_asked(desk_at_reference, reference, directional):
    ChecklistItem.objects.filter(principle_key="greet").update(active=False)
    assert "Greeted with a smile" not in desk_at_reference.get(DESK).content.decode()
    quick(desk_at_reference, directional)
    assert "greet" not in set(Interaction.objects.get().checklist_ticks.values_list("item__principle_key", flat=True))


def test_the_interaction_page_shows_what_was_ticked_and_corrects_it(desk_at_reference, desk, reference_desk, reference):
    interaction, _ = services.interaction_log(by=desk, service_point=reference_desk, kind=reference)
    url = reverse("interactions:detail", args=[interaction.pk])
    html = desk_at_reference.get(url).content.decode()
    assert "Greeted with a smile" in html and "Not ticked:" in html and "policy version 1" in html

    data = form_data(reference, version=1, **{tick_field("greet"): "", tick_field("follow-up"): "on"})
    data.pop(tick_field("invite-to-return"))
    assert desk_at_reference.post(url, data).status_code == 302
    assert ticked_keys(interaction) == {"follow-up"}


def test_undo_takes_the_ticks_with_it(desk_at_reference, directional):
    quick(desk_at_reference, directional)
    interaction = Interaction.objects.get()
    desk_at_reference.post(reverse("interactions:undo", args=[interaction.pk]))
    assert not ChecklistTick.objects.exists()


@pytest.mark.parametrize("volume", [5, 60])
def test_quick_log_costs_the_same_queries_whatever_the_volume(
    desk_at_reference, desk, reference_desk, directional, django_assert_max_num_queries, volume
):
    InteractionFactory.create_batch(volume, service_point=reference_desk, staff=desk)
    # Which content type names an interaction is looked up once a process, as on a server.
    ContentType.objects.get_for_model(Interaction)
    # The htmx quick-log was 17 queries before the checklist; it ticks the defaults in two more,
    # and adds to the reports' counts in four (interactions/rollup.py: an upsert a table).
    with django_assert_max_num_queries(23):
        response = quick(desk_at_reference, directional, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
