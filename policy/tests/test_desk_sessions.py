"""Desk opening, ticked when staff sign on to a service point, and closing, a small form on
the desk console. One record a day per desk; what one colleague ticked stays ticked."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from policy.checklists import desk_session_record
from policy.models import ChecklistItem, ChecklistTick, DeskSession

CHOOSE = reverse("choose_service_point")
CLOSE = reverse("interactions:close_desk")


def field(checklist, principle_key, prefix):
    item = ChecklistItem.objects.get(checklist__key=checklist, principle_key=principle_key)
    return f"{prefix}-tick_{item.pk}"


def opening(principle_key):
    return field("desk_opening", principle_key, "opening")


def closing(principle_key):
    return field("desk_closing", principle_key, "closing")


def ticked(session) -> dict[str, bool]:
    return dict(session.ticks.values_list("item__principle_key", "ticked"))


def test_the_service_point_page_offers_the_opening_items(desk_client, reference_desk):
    html = desk_client.get(CHOOSE).content.decode()
    assert "Opening the desk" in html
    for label in ["Desk staffed", "Service area neat and free of clutter", "No food or drink at the desk", "Name tag on"]:
        assert label in html


def test_signing_on_ticks_the_opening_checklist(desk_client, desk, reference_desk):
    response = desk_client.post(
        CHOOSE, {"service_point": reference_desk.pk, opening("desk-staffed"): "on", opening("name-tag"): "on"}
    )
    assert response.status_code == 302
    session = DeskSession.objects.get()
    assert (session.service_point, session.kind) == (reference_desk, "opening")
    assert ticked(session) == {
        "desk-staffed": True,
        "neat-service-area": False,
        "no-food-or-drink": False,
        "answer-phone": False,
        "name-tag": True,
    }
    tick = session.ticks.first()
    assert (tick.by, tick.branch_id, tick.service_point, tick.version.number) == (desk, reference_desk.branch_id, reference_desk, 1)


def test_a_colleague_signing_on_later_adds_and_never_unticks(desk_client, desk2_client, reference_desk):
    desk_client.post(CHOOSE, {"service_point": reference_desk.pk, opening("desk-staffed"): "on"})
    desk2_client.post(CHOOSE, {"service_point": reference_desk.pk, opening("neat-service-area"): "on"})
    session = DeskSession.objects.get()
    assert ticked(session)["desk-staffed"] and ticked(session)["neat-service-area"]
    assert session.ticks.count() == 5


def test_no_service_point_chosen_keeps_the_ticks_and_records_nothing(desk_client, reference_desk):
    response = desk_client.post(CHOOSE, {opening("desk-staffed"): "on"})
    assert response.status_code == 422
    assert "Choose the desk or line you are working at." in response.content.decode()
    assert 'checked' in response.content.decode()
    assert not DeskSession.objects.exists()


def test_another_branchs_desk_cannot_be_opened(desk, east_desk):
    with pytest.raises(PermissionDenied):
        desk_session_record(service_point=east_desk, kind="opening", by=desk, ticked=set())
    assert not ChecklistTick.objects.exists()


def test_the_console_offers_closing_the_desk(desk_client, reference_desk, at_service_point):
    html = at_service_point(desk_client, reference_desk).get(reverse("interactions:desk")).content.decode()
    assert "Close the desk" in html and "Service area left neat and free of clutter" in html


def test_closing_the_desk_ticks_the_closing_checklist(desk_client, reference_desk, at_service_point):
    at_service_point(desk_client, reference_desk)
    response = desk_client.post(CLOSE, {closing("neat-service-area"): "on", closing("no-food-or-drink"): "on"}, follow=True)
    assert "Reference desk is closed for today: 2 of 5 closing items ticked." in response.content.decode()
    session = DeskSession.objects.get(kind="closing")
    assert sum(ticked(session).values()) == 2


def test_closing_needs_a_service_point_and_a_post(desk_client, itadmin_client, reference_desk):
    assert desk_client.post(CLOSE).status_code == 302
    assert not DeskSession.objects.exists()
    assert itadmin_client.post(CLOSE).status_code == 403
    assert desk_client.get(CLOSE).status_code == 405
