"""The coverage board at /desk/coverage/: every desk of the branch, open or not, who is on
it, uncovered desks marked in words, today's uncovered minutes; supervisors and the Director."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from desk.tests.factories_coverage import ShiftFactory
from staff.models import OpeningHours
from staff.tests.factories import ServicePointFactory, UserFactory

BOARD = reverse("desk:coverage")


@pytest.fixture
def open_all_day(main_branch, east_branch):
    """Main and Eastside open around the clock every day, so the board reads the same whenever the tests run."""
    for branch in (main_branch, east_branch):
        for weekday in range(7):
            OpeningHours.objects.create(branch=branch, weekday=weekday, opens=datetime.time(0), closes=datetime.time(23, 59))


@pytest.fixture
def on_reference(open_all_day, desk, reference_desk, circulation_desk):
    desk.first_name, desk.last_name = "Maya", "Okafor"
    desk.save()
    return ShiftFactory(user=desk, service_point=reference_desk, started_at=timezone.now() - datetime.timedelta(minutes=5))


def board_html(client, **params):
    response = client.get(BOARD, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_supervisor_sees_who_is_on_each_desk_by_name(supervisor_client, on_reference):
    html = board_html(supervisor_client)
    assert "Desk coverage: Main" in html
    assert "Maya Okafor" in html and ">desk<" not in html


def test_an_open_desk_with_nobody_on_it_is_marked_in_words(supervisor_client, on_reference):
    html = board_html(supervisor_client)
    assert "Open with nobody on it: Circulation desk." in html
    assert html.count("Open, nobody on it") == 1
    assert html.count("coverage-uncovered") == 1


@pytest.mark.parametrize("kind", ["phone", "chat"])
def test_a_phone_line_or_chat_with_nobody_on_it_is_answered_from_the_desks(supervisor_client, on_reference, main_branch, kind):
    ServicePointFactory(branch=main_branch, name="The line", kind=kind)
    html = board_html(supervisor_client)
    assert "Open with nobody on it: Circulation desk." in html
    assert html.count("coverage-uncovered") == 1
    assert "Open, answered from the desks" in html
    assert "Not a desk: not counted" in html


def test_a_closed_desk_is_not_uncovered(supervisor_client, desk, reference_desk, circulation_desk):
    html = board_html(supervisor_client)
    assert html.count("Closed today") == 2
    assert "Every open desk has someone on it." in html


def test_a_signed_off_shift_is_not_on_the_desk(supervisor_client, on_reference):
    on_reference.ended_at = timezone.now()
    on_reference.save()
    html = board_html(supervisor_client)
    assert "Maya Okafor" not in html
    assert "Open with nobody on it: Circulation desk, Reference desk." in html


def test_todays_uncovered_minutes_so_far(supervisor_client, open_all_day, desk, reference_desk):
    now = timezone.now()
    ShiftFactory(user=desk, service_point=reference_desk, started_at=now - datetime.timedelta(minutes=10), ended_at=now)
    minutes = int((now - datetime.datetime.combine(timezone.localdate(now), datetime.time(0), tzinfo=now.tzinfo)).total_seconds() // 60)
    html = board_html(supervisor_client)
    assert f"of {minutes} min" in html or f"of {minutes + 1} min" in html


def test_the_board_refreshes_itself_and_htmx_gets_the_board_only(supervisor_client, on_reference, main_branch):
    assert f'hx-get="{BOARD}?branch={main_branch.pk}" hx-trigger="every 15s"' in board_html(supervisor_client)
    partial = supervisor_client.get(BOARD, {"branch": main_branch.pk}, HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<section id="coverage-board"')
    assert "<html" not in partial


def test_the_director_picks_a_branch(director_client, open_all_day, main_branch, east_branch, east_desk, eastdesk):
    ShiftFactory(user=eastdesk, service_point=east_desk)
    html = board_html(director_client)
    assert 'name="branch"' in html and "Desk coverage: Eastside" in html  # the first by name
    html = board_html(director_client, branch=main_branch.pk)
    assert "Desk coverage: Main" in html


def test_a_supervisor_of_one_branch_has_no_picker_and_cannot_open_another(supervisor_client, main_branch, east_branch):
    html = board_html(supervisor_client, branch=east_branch.pk)
    assert 'name="branch"' not in html
    assert "Desk coverage: Main" in html


def test_a_supervisor_without_a_branch_is_told_so(db):
    from django.test import Client

    from staff import roles

    client = Client()
    client.force_login(UserFactory(roles=[roles.SUPERVISOR]))
    assert "You supervise no branch yet" in board_html(client)


@pytest.mark.parametrize("persona", ["desk_client", "eastdesk_client", "itadmin_client"])
def test_desk_staff_and_the_administrator_are_refused(request, persona, main_branch):
    assert request.getfixturevalue(persona).get(BOARD).status_code == 403


def test_the_board_is_a_constant_number_of_queries(
    supervisor_client, open_all_day, main_branch, django_assert_num_queries
):
    def add_desks(count):
        for _ in range(count):
            point = ServicePointFactory(branch=main_branch)
            for _ in range(2):
                ShiftFactory(service_point=point, user=UserFactory(branches=[main_branch]))

    add_desks(1)
    supervisor_client.get(BOARD)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        supervisor_client.get(BOARD)
    add_desks(5)
    with django_assert_num_queries(len(few)):
        supervisor_client.get(BOARD)


def test_the_supervisor_finds_the_board_in_the_menu(supervisor_client, desk_client, main_branch):
    assert f'href="{BOARD}"' in supervisor_client.get(reverse("policy:library")).content.decode()
    assert f'href="{BOARD}"' not in desk_client.get(reverse("policy:library")).content.decode()
