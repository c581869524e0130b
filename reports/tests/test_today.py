"""The numbers of a branch's day (/today/) against the day hand-counted in today_fixtures.py,
and each role's scope: a supervisor counts their own branch only, the Director every branch
with the escalation queue; desk staff and the IT administrator are refused."""

import datetime

import pytest
from django.urls import reverse

from desk.selectors.coverage import CLOSED, COVERED, UNCOVERED
from reports.tests.today_fixtures import day  # noqa: F401  (a fixture)
from reports.tests.today_fixtures import clock, NOW  # noqa: F401

TODAY = reverse("reports:today")


def desks_of(branch_day) -> dict:
    """Each desk as (today, usual by now, usual all day, waiting, state), by name."""
    return {
        desk.point.name: (
            desk.today,
            None if desk.usual_by_now is None else round(desk.usual_by_now, 3),
            None if desk.usual_day is None else round(desk.usual_day, 3),
            desk.waiting,
            desk.state,
        )
        for desk in branch_day.desks
    }


def queues_of(branch_day) -> dict:
    return {
        "complaints open": branch_day.complaints_open,
        "complaints overdue": branch_day.complaints_overdue,
        "escalated": branch_day.escalated,
        "cards open": branch_day.cards_open,
        "cards overdue": branch_day.cards_overdue,
        "callbacks overdue": branch_day.callbacks_overdue,
        "referrals late": branch_day.referrals_late,
    }


def day_of(client, **params):
    response = client.get(TODAY, params)
    assert response.status_code == 200
    return response.context["day"]


MAIN_DESKS = {
    "Circulation desk": (1, 0.333, 0.667, 2, UNCOVERED),
    "Reference desk": (3, 0.667, 1.0, 0, COVERED),
}
EAST_DESKS = {"Eastside desk": (2, 1.0, 1.0, 1, CLOSED)}


def test_the_supervisor_counts_mains_desks_against_the_usual(supervisor_client, day):
    main, = day_of(supervisor_client).branches
    assert main.branch.name == "Main"
    assert desks_of(main) == MAIN_DESKS
    assert (main.today, main.usual_by_now, round(main.usual_day, 3), main.usual_days) == (4, 1.0, 1.667, 3)
    assert (main.waiting, [desk.point.name for desk in main.uncovered], main.open_desks) == (2, ["Circulation desk"], 2)


def test_the_supervisor_counts_mains_queues_only(supervisor_client, day):
    """Not the Eastside complaint they took nor the Eastside card they typed in; and the
    escalation queue is the Director's."""
    main, = day_of(supervisor_client).branches
    assert queues_of(main) == {
        "complaints open": 3, "complaints overdue": 1, "escalated": 0, "cards open": 2, "cards overdue": 1,
        "callbacks overdue": 1, "referrals late": 1,
    }


def test_the_director_counts_every_branch_and_the_escalation_queue(director_client, day):
    today = day_of(director_client)
    east, main = today.branches
    assert (east.branch.name, main.branch.name) == ("Eastside", "Main")
    assert desks_of(main) == MAIN_DESKS and desks_of(east) == EAST_DESKS
    assert (east.today, east.usual_by_now, east.usual_days) == (2, 1.0, 1)
    assert queues_of(main) == {
        "complaints open": 3, "complaints overdue": 1, "escalated": 1, "cards open": 2, "cards overdue": 1,
        "callbacks overdue": 1, "referrals late": 1,
    }
    assert queues_of(east) == {
        "complaints open": 2, "complaints overdue": 0, "escalated": 1, "cards open": 1, "cards overdue": 0,
        "callbacks overdue": 1, "referrals late": 1,
    }
    assert (today.escalated, today.escalated_since) == (2, datetime.datetime(2026, 2, 20, 10, tzinfo=datetime.UTC))


def test_the_director_opens_one_branchs_day(director_client, day, east_branch):
    today = day_of(director_client, branch=east_branch.pk)
    assert [branch.branch.name for branch in today.branches] == ["Eastside"]
    assert desks_of(today.branches[0]) == EAST_DESKS


def test_a_supervisor_asking_for_another_branchs_day_finds_none(supervisor_client, day, east_branch):
    """Scope never leaks existence: another branch answers as one that does not exist."""
    assert supervisor_client.get(TODAY, {"branch": east_branch.pk}).status_code == 404
    assert supervisor_client.get(TODAY, {"branch": "9999"}).status_code == 404
    assert supervisor_client.get(TODAY, {"branch": "main"}).status_code == 404


@pytest.mark.parametrize("persona", ["desk", "eastdesk", "itadmin"])
def test_desk_staff_and_the_administrator_are_refused(request, persona, day):
    response = request.getfixturevalue(f"{persona}_client").get(TODAY)
    assert response.status_code == 403
    assert "A branch&#x27;s day" in response.content.decode()


def test_a_supervisor_of_both_branches_sees_a_row_each_without_the_escalation_queue(supervisor, supervisor_client, day, east_branch):
    supervisor.profile.branches.add(east_branch)
    response = supervisor_client.get(TODAY)
    east, main = response.context["day"].branches
    assert (east.escalated, main.escalated, east.complaints_open) == (0, 0, 2)
    html = response.content.decode()
    assert "Escalated to you" not in html
    assert f'href="{TODAY}?branch={east_branch.pk}">Eastside</a>' in html


def test_the_usual_is_not_known_before_a_branch_logged_on_that_weekday(supervisor_client, clock, reference_desk):
    main, = day_of(supervisor_client).branches
    assert (main.usual_days, main.usual_by_now, main.usual_day) == (0, None, None)
    assert desks_of(main)["Reference desk"][1:3] == (None, None)
    html = supervisor_client.get(TODAY).content.decode()
    assert "No usual yet: Main logged nothing on the Wednesdays of the last 8 weeks." in html
