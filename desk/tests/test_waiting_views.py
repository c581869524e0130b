"""The waiting list on the console (the live lists' fragment) and its actions, for each role:
with htmx the fragment comes back with what happened and where the focus goes, without it
the browser goes back to the console; serving opens the desk form, in person."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from desk.models import WaitingPatron
from desk.tests.factories_waiting import WaitingPatronFactory
from desk.tests.test_live import LIVE_QUERIES
from staff.tests.factories import UserFactory

LIVE = reverse("desk:live")
ADD = reverse("desk:waiting_add")
DESK = reverse("interactions:desk")
DESK_FORM = f"{DESK}?channel=in_person"
HTMX = {"HTTP_HX_REQUEST": "true"}
Status = WaitingPatron.Status


def step(name, entry):
    return reverse(f"desk:waiting_{name}", args=[entry.pk])


@pytest.fixture
def at_circulation(desk_client, circulation_desk, at_service_point):
    return at_service_point(desk_client, circulation_desk)


@pytest.fixture
def sam(circulation_desk, desk):
    return WaitingPatronFactory(
        service_point=circulation_desk, added_by=desk, label="Sam", added_at=timezone.now() - datetime.timedelta(minutes=12)
    )


def notices(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# The list ----------------------------------------------------------------------------------

def test_the_list_shows_who_waits_here_oldest_first_with_how_long(at_circulation, circulation_desk, reference_desk, desk, desk2, sam):
    desk2.first_name, desk2.last_name = "Tomas", "Lindqvist"
    desk2.save()
    WaitingPatronFactory(service_point=circulation_desk, added_by=desk, label="Ana", acknowledged_at=timezone.now(), acknowledged_by=desk2)
    WaitingPatronFactory(
        service_point=circulation_desk, added_by=desk, label="Served already", status=Status.SERVED,
        ended_at=timezone.now(), ended_by=desk,
    )
    WaitingPatronFactory(service_point=reference_desk, added_by=desk, label="At another desk")
    html = at_circulation.get(LIVE, **HTMX).content.decode()
    assert re.findall(r"<strong class=\"text-break\">([^<]+)</strong>", html) == ["Sam", "Ana"]
    assert "12\xa0minutes" in html
    assert "Not acknowledged yet" in html
    assert "Acknowledged by Tomas Lindqvist at" in html
    assert html.count("Acknowledge<span") == 1  # Ana's was acknowledged already
    assert "Served already" not in html and "At another desk" not in html


def test_an_empty_list_says_so(at_circulation):
    assert "Nobody is waiting." in at_circulation.get(LIVE).content.decode()


def test_the_list_says_what_it_holds_for_the_live_region(at_circulation, sam):
    html = at_circulation.get(LIVE).content.decode()
    assert 'data-announce="Waiting: 1: Sam (not acknowledged)."' in html


@pytest.mark.parametrize("many", [1, 25])
def test_the_live_lists_run_the_same_queries_whatever_the_length_of_the_list(
    at_circulation, circulation_desk, desk, many, django_assert_num_queries
):
    """Each waiting patron acknowledged by a different person: still no query per patron."""
    for _ in range(many):
        WaitingPatronFactory(
            service_point=circulation_desk, added_by=desk, acknowledged_at=timezone.now(),
            acknowledged_by=UserFactory(first_name="Someone", last_name="Else"),
        )
        WaitingPatronFactory(service_point=circulation_desk, added_by=desk)
    at_circulation.get(LIVE)  # the session's first read
    with django_assert_num_queries(LIVE_QUERIES):
        response = at_circulation.get(LIVE, **HTMX)
    assert response.content.decode().count("Serve<span") == 2 * many



# Adding ------------------------------------------------------------------------------------

def test_adding_with_htmx_answers_the_list_and_keeps_the_focus_in_the_field(at_circulation, circulation_desk, desk):
    response = at_circulation.post(ADD, {"waiting-label": "Kofi"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert WaitingPatron.objects.get().service_point == circulation_desk
    assert ">Kofi</strong>" in html
    assert "Kofi is on the waiting list." in html
    assert 'data-focus="id_waiting-label"' in html
    # The field is empty again for the next patron.
    assert re.search(r'<input[^>]*name="waiting-label"[^>]*>', html).group(0).count("value=") == 0


def test_adding_without_htmx_goes_back_to_the_console(at_circulation):
    response = at_circulation.post(ADD, {"waiting-label": "Kofi"})
    assert response.status_code == 302 and response["Location"] == DESK
    assert notices(response) == ["Kofi is on the waiting list."]


def test_an_empty_label_is_refused_with_what_to_type(at_circulation):
    html = at_circulation.post(ADD, {"waiting-label": "  "}, **HTMX).content.decode()
    assert "Type a first name or a short description" in html
    assert 'aria-invalid="true"' in html
    assert not WaitingPatron.objects.exists()


def test_a_long_label_is_refused_and_kept(at_circulation):
    typed = "a tall man in a long grey raincoat who asked about the printers downstairs"
    html = at_circulation.post(ADD, {"waiting-label": typed}, **HTMX).content.decode()
    assert f"Keep it to 60 characters (it has {len(typed)})." in html
    assert f'value="{typed}"' in html
    assert not WaitingPatron.objects.exists()


def test_a_long_label_without_htmx_is_quoted_in_the_message(at_circulation):
    typed = "x" * 61
    response = at_circulation.post(ADD, {"waiting-label": typed})
    assert response.status_code == 302
    assert notices(response) == [f"“{typed}” was not added: Keep it to 60 characters (it has 61)."]


# Acknowledge, serve, left --------------------------------------------------------------------

def test_acknowledging_moves_the_focus_to_serving_them(at_circulation, sam, desk):
    html = at_circulation.post(step("acknowledge", sam), **HTMX).content.decode()
    sam.refresh_from_db()
    assert sam.acknowledged_by == desk
    assert "Sam: acknowledged." in html
    assert f'data-focus="waiting-{sam.pk}-serve"' in html


def test_serving_opens_the_desk_form_in_person(at_circulation, sam):
    response = at_circulation.post(step("serve", sam), **HTMX)
    assert response["HX-Redirect"] == DESK_FORM
    assert WaitingPatron.objects.get().status == Status.SERVED
    console = at_circulation.get(DESK_FORM)
    assert "Serving Sam: log the interaction below when you are done." in console.content.decode()
    assert re.search(r'<input type="radio"[^>]*value="in_person"[^>]*checked', console.content.decode())


def test_serving_without_htmx_is_sent_to_the_desk_form(at_circulation, sam):
    response = at_circulation.post(step("serve", sam))
    assert response.status_code == 302 and response["Location"] == DESK_FORM


def test_marking_them_gone(at_circulation, sam):
    html = at_circulation.post(step("left", sam), **HTMX).content.decode()
    assert WaitingPatron.objects.get().status == Status.LEFT
    assert "Sam: marked as gone without being served." in html
    assert "Nobody is waiting." in html


@pytest.mark.parametrize("name", ["acknowledge", "serve", "left"])
def test_a_patron_a_colleague_served_meanwhile_is_a_message_not_an_error(
    at_circulation, desk2_client, circulation_desk, at_service_point, sam, desk2, name
):
    desk2.first_name, desk2.last_name = "Tomas", "Lindqvist"
    desk2.save()
    at_service_point(desk2_client, circulation_desk).post(step("serve", sam), **HTMX)
    response = at_circulation.post(step(name, sam), **HTMX)
    assert response.status_code == 200
    assert "Sam is no longer waiting: Tomas Lindqvist served them at" in response.content.decode()
    plain = at_circulation.post(step(name, sam))
    assert plain.status_code == 302 and plain["Location"] == DESK
    assert notices(plain)[0].startswith("Sam is no longer waiting: Tomas Lindqvist served them at")


def test_a_second_acknowledgment_says_who_gave_the_first(at_circulation, desk2_client, circulation_desk, at_service_point, sam):
    at_service_point(desk2_client, circulation_desk).post(step("acknowledge", sam), **HTMX)
    html = at_circulation.post(step("acknowledge", sam), **HTMX).content.decode()
    assert "already acknowledged Sam at" in html


# Who ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["acknowledge", "serve", "left"])
def test_staff_of_another_branch_find_nothing(eastdesk_client, east_desk, at_service_point, sam, name):
    response = at_service_point(eastdesk_client, east_desk).post(step(name, sam), **HTMX)
    assert response.status_code == 404
    assert WaitingPatron.objects.get().status == Status.WAITING


def test_a_supervisor_of_the_branch_serves(supervisor_client, circulation_desk, at_service_point, sam):
    at_service_point(supervisor_client, circulation_desk).post(step("serve", sam), **HTMX)
    assert WaitingPatron.objects.get().status == Status.SERVED


def test_the_director_keeps_any_list(director_client, east_desk, at_service_point):
    client = at_service_point(director_client, east_desk)
    client.post(ADD, {"waiting-label": "Ana"}, **HTMX)
    assert WaitingPatron.objects.get().service_point == east_desk


@pytest.mark.parametrize("name", ["acknowledge", "serve", "left"])
def test_the_administrator_is_refused(itadmin_client, sam, name):
    assert itadmin_client.post(ADD, {"waiting-label": "Ana"}).status_code == 403
    assert itadmin_client.post(step(name, sam)).status_code == 403
    assert WaitingPatron.objects.get().status == Status.WAITING


def test_a_get_is_refused(at_circulation, sam):
    assert at_circulation.get(ADD).status_code == 405
    assert at_circulation.get(step("serve", sam)).status_code == 405


# The desk form's channel ---------------------------------------------------------------------

def checked_channel(html) -> str:
    return re.search(r'<input type="radio"[^>]*name="channel" value="(\w+)"[^>]*checked', html).group(1)


def test_the_console_takes_the_desk_forms_channel_from_the_address(at_circulation):
    assert checked_channel(at_circulation.get(DESK).content.decode()) == "in_person"
    assert checked_channel(at_circulation.get(f"{DESK}?channel=phone").content.decode()) == "phone"
    assert checked_channel(at_circulation.get(f"{DESK}?channel=carrier-pigeon").content.decode()) == "in_person"


def test_an_action_gives_back_what_was_being_typed_in_the_field(at_circulation, sam):
    html = at_circulation.post(step("left", sam), {"waiting-label": "Ana"}, **HTMX).content.decode()
    assert re.search(r'<input[^>]*name="waiting-label"[^>]*value="Ana"', html)


def test_a_refused_addition_is_said_once_under_its_field(at_circulation):
    html = at_circulation.post(ADD, {"waiting-label": ""}, **HTMX).content.decode()
    assert html.count("Not added:") == 1  # in the live region's text only
    assert 'class="invalid-feedback">Type a first name' in html
