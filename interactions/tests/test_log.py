import datetime
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from interactions.models import Interaction
from interactions.tests.conftest import tick_field, ticked_keys
from patrons.tests.factories import PatronFactory

LOG = reverse("interactions:log")


def form_data(kind, **overrides):
    data = {
        "submission_key": str(uuid.uuid4()),
        "kind": kind.pk,
        "channel": "in_person",
        "effort": "2",
        "outcome": "answered",
        "alternative": "",
        "duration_minutes": "5",
        "patron_card": "",
        "note": "",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        tick_field("greet"): "on",
        tick_field("follow-up"): "on",
        tick_field("invite-to-return"): "on",
    }
    data.update(overrides)
    return data


def test_the_full_form_logs_every_field(desk_at_reference, desk, reference_desk, reference):
    patron = PatronFactory(card_number="21234567890123")
    response = desk_at_reference.post(
        LOG, form_data(reference, patron_card="21234567890123", note="Wanted tax forms", effort="3")
    )
    assert response.status_code == 302
    interaction = Interaction.objects.get()
    assert interaction.patron == patron
    assert interaction.note == "Wanted tax forms"
    assert interaction.effort == 3
    assert interaction.duration_minutes == 5
    assert ticked_keys(interaction) == {"greet", "follow-up", "invite-to-return"}
    assert interaction.service_point == reference_desk and interaction.staff == desk


def test_with_htmx_success_returns_a_fresh_form_and_the_updated_log(desk_at_reference, reference):
    response = desk_at_reference.post(LOG, form_data(reference, note="typed"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="log-form"' in html and 'hx-swap-oob="true"' in html
    assert "typed" not in html
    assert "Logged <strong>Reference</strong>" in html


def test_could_not_help_asks_which_alternative_and_keeps_what_was_typed(desk_at_reference, reference):
    response = desk_at_reference.post(
        LOG, form_data(reference, outcome="could_not_help", note="Needs a Hungarian dictionary")
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Say which alternative was offered to the patron." in html
    assert "Needs a Hungarian dictionary" in html
    assert not Interaction.objects.exists()


def test_an_alternative_with_an_answered_outcome_is_refused(desk_at_reference, reference):
    response = desk_at_reference.post(LOG, form_data(reference, alternative="ill"))
    assert "An alternative is recorded only when" in response.content.decode()
    assert not Interaction.objects.exists()


def test_alternative_offered_with_its_alternative_is_logged(desk_at_reference, reference):
    desk_at_reference.post(LOG, form_data(reference, outcome="alternative", alternative="e_resource"))
    assert Interaction.objects.get().alternative == "e_resource"


def test_the_future_is_refused_and_backdating_is_allowed(desk_at_reference, reference):
    future = (timezone.localtime() + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    response = desk_at_reference.post(LOG, form_data(reference, occurred_at=future))
    assert "cannot be in the future" in response.content.decode()
    earlier = (timezone.localtime() - datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    desk_at_reference.post(LOG, form_data(reference, occurred_at=earlier))
    assert Interaction.objects.count() == 1


def test_the_console_sends_back_the_minute_it_offered(desk_at_reference):
    html = desk_at_reference.get(reverse("interactions:desk")).content.decode()
    offered = timezone.make_aware(
        datetime.datetime.fromisoformat(re.search(r'name="initial-occurred_at" value="([^"]+)"', html).group(1))
    )
    assert timezone.now() - datetime.timedelta(minutes=1) < offered <= timezone.now()


def test_a_form_left_open_logs_when_it_is_sent_not_when_it_was_shown(desk_at_reference, reference):
    shown = str(timezone.localtime().replace(second=0, microsecond=0) - datetime.timedelta(minutes=7))
    before = timezone.now()
    desk_at_reference.post(
        LOG, form_data(reference, occurred_at=shown[:16].replace(" ", "T"), **{"initial-occurred_at": shown})
    )
    assert Interaction.objects.get().occurred_at >= before


def test_a_time_changed_from_the_offered_one_is_kept(desk_at_reference, reference):
    shown = str(timezone.localtime().replace(second=0, microsecond=0) - datetime.timedelta(minutes=7))
    typed = (timezone.localtime() - datetime.timedelta(minutes=40)).strftime("%Y-%m-%dT%H:%M")
    desk_at_reference.post(LOG, form_data(reference, occurred_at=typed, **{"initial-occurred_at": shown}))
    assert timezone.localtime(Interaction.objects.get().occurred_at).strftime("%Y-%m-%dT%H:%M") == typed


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("duration_minutes", "five", "whole number of minutes"),
        ("duration_minutes", "2000", "less than a day"),
        ("effort", "7", "Select a valid choice"),
        ("occurred_at", "yesterday-ish", "Give the date and time"),
        ("patron_card", "29999999999999", "No patron has this card number"),
        ("note", "x" * 4001, "Keep the note to 4000 characters"),
    ],
)
def test_bad_input_says_what_to_fix(desk_at_reference, reference, field, value, message):
    response = desk_at_reference.post(LOG, form_data(reference, **{field: value}), HTTP_HX_REQUEST="true")
    assert message in response.content.decode()
    assert not Interaction.objects.exists()


def test_the_same_form_sent_twice_logs_once(desk_at_reference, reference):
    data = form_data(reference)
    desk_at_reference.post(LOG, data)
    desk_at_reference.post(LOG, data)
    assert Interaction.objects.count() == 1


def test_a_failed_form_keeps_its_key_so_the_corrected_send_logs_once(desk_at_reference, reference):
    data = form_data(reference, duration_minutes="five")
    response = desk_at_reference.post(LOG, data, HTTP_HX_REQUEST="true")
    assert data["submission_key"] in response.content.decode()


def test_html_in_the_note_is_stored_as_typed_and_shown_as_text(desk_at_reference, reference):
    desk_at_reference.post(LOG, form_data(reference, note='<img src=x onerror="alert(1)">'))
    interaction = Interaction.objects.get()
    html = desk_at_reference.get(reverse("interactions:detail", args=[interaction.pk])).content.decode()
    assert '<img src=x onerror="alert(1)">' not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_the_administrator_cannot_log(itadmin_client, reference):
    assert itadmin_client.post(LOG, form_data(reference)).status_code == 403


def test_when_now_logs_the_moment_it_is_sent_whatever_the_hidden_exact_time(desk_at_reference, reference):
    before = timezone.now()
    desk_at_reference.post(LOG, form_data(reference, when="now", occurred_at="not a time"))
    assert Interaction.objects.get().occurred_at >= before


def test_when_minutes_ago_logs_that_many_minutes_before_it_is_sent(desk_at_reference, reference):
    before = timezone.now()
    desk_at_reference.post(LOG, form_data(reference, when="15", occurred_at=""))
    logged = Interaction.objects.get().occurred_at
    assert before - datetime.timedelta(minutes=15) <= logged <= timezone.now() - datetime.timedelta(minutes=15)


def test_when_exact_takes_the_24_hour_time_typed(desk_at_reference, reference):
    typed = (timezone.localtime() - datetime.timedelta(hours=3)).replace(hour=13, minute=5)
    if typed > timezone.localtime():
        typed -= datetime.timedelta(days=1)
    desk_at_reference.post(LOG, form_data(reference, when="exact", occurred_at=typed.strftime("%Y-%m-%d %H:%M")))
    assert timezone.localtime(Interaction.objects.get().occurred_at).strftime("%H:%M") == "13:05"


def test_when_exact_without_a_time_says_so(desk_at_reference, reference):
    response = desk_at_reference.post(LOG, form_data(reference, when="exact", occurred_at=""))
    assert response.status_code == 422
    assert "Say when it happened." in response.content.decode()


def test_when_is_one_choice_now_by_default_and_the_exact_time_is_24_hour_text(desk_at_reference):
    html = desk_at_reference.get(reverse("interactions:desk")).content.decode()
    assert '<option value="now" selected>Now</option>' in html
    assert 'data-only-when="exact_time"' in html
    assert 'type="datetime-local"' not in html
    offered = re.search(r'<input type="text" name="occurred_at" value="([^"]+)"', html).group(1)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", offered)
