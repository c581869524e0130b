"""Follow-through: the share of records where each item was ticked, by week, per service
point and branch; for supervisors (own branch) and the Director; never per person. The page
is the policy's; its tests live with the desk, whose interactions are the records counted."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from interactions import services
from interactions.models import InteractionKind
from policy.checklists import desk_session_record
from policy.models import ChecklistItem

URL = reverse("policy:follow_through")


def pk(principle_key, checklist="interaction"):
    return ChecklistItem.objects.get(checklist__key=checklist, principle_key=principle_key).pk


def log(staff, point, *, follow_up: bool, days_ago: int = 0):
    ticked = {pk("greet")} | ({pk("follow-up")} if follow_up else set())
    services.interaction_log(
        by=staff,
        service_point=point,
        kind=InteractionKind.objects.get(name="Reference"),
        occurred_at=timezone.now() - datetime.timedelta(days=days_ago),
        checklist=ticked,
    )


@pytest.fixture
def known(desk, desk2, eastdesk, reference_desk, circulation_desk, east_desk):
    """Main reference: this week 1 of 2 follow-ups, last week 1 of 1; Main circulation: 1 of 1
    this week; Eastside: 0 of 1 this week. Main reference opened with 2 of 5 items."""
    log(desk, reference_desk, follow_up=True)
    log(desk2, reference_desk, follow_up=False)
    log(desk, reference_desk, follow_up=True, days_ago=7)
    log(desk2, circulation_desk, follow_up=True)
    log(eastdesk, east_desk, follow_up=False)
    desk_session_record(
        service_point=reference_desk,
        kind="opening",
        by=desk,
        ticked={pk("desk-staffed", "desk_opening"), pk("name-tag", "desk_opening")},
    )


def row(report, checklist, principle_key):
    section = next(section for section in report.sections if section.checklist.key == checklist)
    return next(row for row in section.rows if row.item.principle_key == principle_key)


def team(report, name):
    for entry in report.teams:
        if (entry.service_point.name if entry.service_point else entry.branch.name) == name:
            return entry
    return None


def shares(entry, report, checklist):
    index = [section.checklist.key for section in report.sections].index(checklist)
    share = entry.shares[index]
    return share.ticked, share.shown


def test_the_director_sees_every_branch_by_team(director_client, known):
    report = director_client.get(URL).context["report"]
    # Three items asked per interaction (greeted, follow-up, invited); greeted always ticked
    # here, follow-up as above, invited never.
    assert shares(team(report, "Reference desk"), report, "interaction") == (3 + 2, 9)
    assert shares(team(report, "Main"), report, "interaction") == (4 + 3, 12)
    assert shares(team(report, "Eastside"), report, "interaction") == (1, 3)
    assert shares(team(report, "Main"), report, "desk_opening") == (2, 5)


def test_item_by_item_week_by_week_for_a_service_point(director_client, known, reference_desk):
    report = director_client.get(URL, {"where": f"p{reference_desk.pk}"}).context["report"]
    follow_up = row(report, "interaction", "follow-up")
    assert (follow_up.weeks[-1].ticked, follow_up.weeks[-1].shown, follow_up.weeks[-1].percent) == (1, 2, 50)
    assert (follow_up.weeks[-2].ticked, follow_up.weeks[-2].shown) == (1, 1)
    assert (follow_up.total.ticked, follow_up.total.shown) == (2, 3)
    assert len(report.weeks) == 8


def test_item_by_item_for_a_branch(director_client, known, main_branch):
    report = director_client.get(URL, {"where": f"b{main_branch.pk}"}).context["report"]
    follow_up = row(report, "interaction", "follow-up")
    assert (follow_up.weeks[-1].ticked, follow_up.weeks[-1].shown, follow_up.weeks[-1].percent) == (2, 3, 67)


def test_a_supervisor_sees_own_branch_only(supervisor_client, known, east_desk):
    response = supervisor_client.get(URL)
    report = response.context["report"]
    assert team(report, "Eastside") is None and team(report, "Eastside desk") is None
    assert row(report, "interaction", "follow-up").total.shown == 4
    assert "Eastside" not in response.content.decode()
    assert supervisor_client.get(URL, {"where": f"p{east_desk.pk}"}).status_code == 422


def test_no_staff_names_or_usernames_on_the_page(director_client, known, desk, desk2, eastdesk):
    html = director_client.get(URL).content.decode()
    for person in (desk, desk2, eastdesk):
        assert person.get_full_name() not in html
    assert "desk2" not in html and "eastdesk" not in html


def test_fewer_weeks(director_client, known):
    report = director_client.get(URL, {"weeks": "4"}).context["report"]
    assert len(report.weeks) == 4


def test_a_bad_choice_says_what_to_fix(director_client, known):
    response = director_client.get(URL, {"weeks": "1000"})
    assert response.status_code == 422
    assert "Choose how many weeks from the list." in response.content.decode()


@pytest.mark.parametrize("client_name", ["desk_client", "desk2_client", "eastdesk_client", "itadmin_client"])
def test_desk_staff_and_the_administrator_are_refused(request, client_name):
    assert request.getfixturevalue(client_name).get(URL).status_code == 403


@pytest.mark.parametrize("volume", [3, 40])
def test_constant_queries_whatever_the_volume(director_client, desk, reference_desk, east_desk, django_assert_max_num_queries, volume):
    for days_ago in range(volume):
        log(desk, reference_desk, follow_up=days_ago % 2 == 0, days_ago=days_ago % 50)
    # The session, the user, roles, branches, service points, checklists, items, the counts, the
    # banner's acknowledgments, and the Director's header: the role grants waiting for
    # confirmation. The policy versions in effect are cached after the first page.
    director_client.get(URL)
    with django_assert_max_num_queries(10):
        response = director_client.get(URL)
    assert response.status_code == 200
