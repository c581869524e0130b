"""Dates far in the past or future are refused with a message that says what to fix, on
every form and filter that takes a date (servicedesk.lib.dates), and never answer 500."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from servicedesk.lib.dates import EVENTS, PLANS, DateWindow

BETWEEN = "Give a date between 1 January 2000 and"


def shown(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    "value",
    [datetime.date(1, 1, 1), datetime.date(1999, 12, 31), datetime.date(9999, 12, 31), datetime.datetime(9999, 12, 31, 23, 59)],
)
def test_a_window_refuses_what_is_outside_it(value):
    with pytest.raises(Exception, match="Give a date between 1 January 2000 and"):
        EVENTS(value)


def test_a_window_reaches_a_year_ahead_for_events_and_five_for_plans():
    today = timezone.localdate()
    EVENTS(datetime.date(2000, 1, 1))
    EVENTS(today.replace(year=today.year + 1, day=min(today.day, 28)))
    PLANS(today.replace(year=today.year + 5, day=min(today.day, 28)))
    assert EVENTS.bounds(datetime.date(2028, 2, 29)) == (datetime.date(2000, 1, 1), datetime.date(2029, 2, 28))
    assert DateWindow(datetime.date(2000, 1, 1), years_ahead=0).bounds(today)[1] == today


@pytest.mark.parametrize("field", ["date_from", "date_to"])
@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01"])
def test_the_access_record_filter_refuses_a_date_far_away(director_client, field, value):
    response = director_client.get(reverse("access_record"), {field: value})
    assert response.status_code == 422
    assert BETWEEN in shown(response) and f'value="{value}"' in shown(response)


def test_the_access_record_export_sends_a_date_far_away_back_to_the_filter(director_client):
    response = director_client.get(reverse("access_record_export"), {"date_from": "9999-12-31"})
    assert response.status_code == 302 and response["Location"] == f"{reverse('access_record')}?date_from=9999-12-31"


@pytest.fixture
def desk_here(desk_client, reference_desk, at_service_point):
    return at_service_point(desk_client, reference_desk)


@pytest.mark.parametrize("value", ["0001-01-01T10:00", "9999-12-31T23:59"])
def test_the_desk_form_refuses_a_time_far_away(desk_here, value):
    from interactions.models import Interaction, InteractionKind

    kind = InteractionKind.objects.get(name="Reference")
    data = {"kind": kind.pk, "channel": "in_person", "effort": "1", "outcome": "answered", "occurred_at": value}
    response = desk_here.post(reverse("interactions:log"), data)
    assert BETWEEN in shown(response) and value in shown(response)
    assert not Interaction.objects.exists()


def test_a_correction_refuses_a_time_far_away(desk_here, desk, reference_desk):
    from interactions.tests.factories import InteractionFactory

    interaction = InteractionFactory(service_point=reference_desk, staff=desk)
    data = {
        "kind": interaction.kind_id,
        "channel": interaction.channel,
        "effort": interaction.effort,
        "outcome": interaction.outcome,
        "occurred_at": "0001-01-01T00:00",
        "version": interaction.version,
    }
    response = desk_here.post(reverse("interactions:detail", args=[interaction.pk]), data)
    assert BETWEEN in shown(response)
    interaction.refresh_from_db()
    assert interaction.occurred_at.year > 2000


def test_a_complaint_refuses_a_day_far_away(desk_here, reference_desk):
    from feedback.models import Complaint

    data = {"what_happened": "Shouted at", "occurred_on": "0001-01-01", "service_point": reference_desk.pk, "source": "in_person"}
    response = desk_here.post(reverse("complaints:take"), data)
    assert BETWEEN in shown(response) and 'value="0001-01-01"' in shown(response)
    assert not Complaint.objects.exists()


def test_a_typed_in_card_refuses_a_day_far_away(desk_here, main_branch):
    from feedback.models import CommentCard

    data = {"kind": "compliment", "comment": "Lovely", "branch": main_branch.pk, "received_on": "9999-12-31"}
    response = desk_here.post(reverse("cards:new"), data)
    assert BETWEEN in shown(response) and 'value="9999-12-31"' in shown(response)
    assert not CommentCard.objects.exists()


def test_a_policy_refuses_to_take_effect_far_away(director_client):
    from policy.models import Policy

    policy = Policy.objects.get(title="Customer Service Policy")
    response = director_client.post(reverse("policy:publish", args=[policy.pk]), {"effective_on": "9999-12-31"})
    assert BETWEEN in shown(response) and 'value="9999-12-31"' in shown(response)
    assert policy.versions.count() == 1
