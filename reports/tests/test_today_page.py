"""What the page of a branch's day says: each block's count and its list one click away, plain
words when there is nothing, the console one click away, no patron anywhere, and a constant
number of queries whatever the number of branches and records."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from desk.tests.factories_callbacks import CallbackFactory
from desk.tests.factories_coverage import ShiftFactory
from desk.tests.factories_referrals import ExpertFactory, ReferralFactory
from desk.tests.factories_waiting import WaitingPatronFactory
from feedback.models import Complaint
from feedback.tests.factories import CommentCardFactory, ComplaintFactory
from interactions.tests.factories import InteractionFactory
from reports.tests.today_fixtures import NAMES, NOW, at, clock, day  # noqa: F401  (fixtures)
from staff import roles
from staff.models import OpeningHours
from staff.tests.factories import BranchFactory, ServicePointFactory, UserFactory

TODAY = reverse("reports:today")


def html_of(client, **params) -> str:
    response = client.get(TODAY, params)
    assert response.status_code == 200
    return response.content.decode()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_each_block_gives_its_count_and_links_to_its_list(supervisor_client, day, main_branch):
    html = html_of(supervisor_client)
    for link in (
        f'<a href="{reverse("complaints:queue")}?branch={main_branch.pk}">3 open</a>',
        f'href="{reverse("complaints:queue")}?branch={main_branch.pk}&amp;overdue=on">1 overdue</a>',
        f'<a href="{reverse("cards:queue")}?branch={main_branch.pk}">2 open</a>',
        f'href="{reverse("cards:queue")}?branch={main_branch.pk}&amp;overdue=on">1 with the reply overdue</a>',
        f'href="{reverse("desk:coverage")}?branch={main_branch.pk}">1 open with nobody on it</a>',
        f'href="{reverse("desk:callbacks")}?branch={main_branch.pk}&amp;show=overdue">1 overdue</a>',
        f'href="{reverse("desk:referrals")}#waiting-heading">1 waiting too long</a>',
        f'href="{reverse("reports:index")}?period=custom&amp;start=2026-03-04&amp;end=2026-03-04&amp;branch={main_branch.pk}">',
    ):
        assert link in html
    text = text_of(html)
    assert "Main today" in text
    assert "2 waiting At Circulation desk (2)" in text
    assert "4 interactions so far today; the usual by 14:00 on a Wednesday is 1." in text
    assert "the average of the 3 Wednesdays of the last 8 weeks on which Main logged anything" in text


def test_each_block_says_so_plainly_when_there_is_nothing(supervisor_client, clock, reference_desk):
    text = text_of(html_of(supervisor_client))
    for words in (
        "No open complaints.", "No card to triage.", "No desk is open now.", "Nobody is waiting.",
        "No callback overdue.", "No referral waiting too long.", "No usual yet",
    ):
        assert words in text


def test_the_director_sees_the_escalation_queue_first_then_a_row_per_branch(director_client, day, east_branch):
    html = html_of(director_client)
    text = text_of(html)
    assert text.index("Escalated to you") < text.index("Each branch")
    assert "2 complaints wait for your decision; the oldest was received on 20 February 2026. Eastside: 1. Main: 1." in text
    assert f'href="{reverse("complaints:escalated")}"' in html
    assert re.search(r"Eastside</a></th>(\s*<td[^>]*>2</td>)", html)


def test_the_director_is_told_when_nothing_waits_for_their_decision(director_client, clock, main_branch):
    assert "Nothing is waiting for your decision." in text_of(html_of(director_client))


def test_a_branchs_own_day_leads_back_to_every_branch(director_client, day, east_branch):
    html = html_of(director_client, branch=east_branch.pk)
    assert "Eastside today" in html and f'<a href="{TODAY}">Every branch</a>' in html
    assert "The lists these counts open show every branch" not in html
    # Its lists open on that branch alone (?branch=: reports/tests/test_branch_filter.py).
    assert f'href="{reverse("complaints:queue")}?branch={east_branch.pk}"' in html
    assert "Escalated to you" not in html


def test_the_console_is_one_click_away(supervisor_client, day, reference_desk, at_service_point):
    html = html_of(supervisor_client)
    assert f'id="open-console" href="{reverse("choose_service_point")}">Choose a service point to open the console' in html
    at_service_point(supervisor_client, reference_desk)
    html = html_of(supervisor_client)
    assert f'id="open-console" href="{reverse("interactions:desk")}">Open the console at Main — Reference desk' in html


def test_the_header_offers_today_to_supervisors_and_the_director_only(supervisor_client, director_client, desk_client, day):
    link = f'href="{TODAY}">Today</a>'
    assert link in html_of(supervisor_client) and link in html_of(director_client)
    assert link not in desk_client.get(reverse("complaints:queue")).content.decode()


def test_no_patron_is_named(director_client, supervisor_client, day, east_branch):
    for html in (html_of(director_client), html_of(supervisor_client), html_of(director_client, branch=east_branch.pk)):
        for name in NAMES:
            assert name not in html


# The query count --------------------------------------------------------------------------

def _library(numbers: range, per_branch: int):
    """A branch of three desks for each of `numbers`, open now with one desk covered, and
    `per_branch` of each record at each (interactions today and on two past Wednesdays)."""
    made = []
    for number in numbers:
        branch = BranchFactory(name=f"Branch {number}", code=f"b{number}")
        OpeningHours.objects.create(branch=branch, weekday=2, opens=datetime.time(9), closes=datetime.time(17))
        points = [ServicePointFactory(branch=branch, name=f"Desk {n}") for n in range(3)]
        staff = UserFactory(roles=[roles.DESK], branches=[branch])
        ShiftFactory(user=staff, service_point=points[0], started_at=at(3, 4, 13))
        expert = ExpertFactory(user=staff)
        for n in range(per_branch):
            point = points[n % 3]
            for weeks in range(3):
                InteractionFactory(occurred_at=NOW - datetime.timedelta(weeks=weeks, hours=1), service_point=point, staff=staff)
            WaitingPatronFactory(service_point=point, added_by=staff)
            ComplaintFactory(service_point=point, taken_by=staff, acknowledge_by=datetime.date(2026, 3, 1))
            ComplaintFactory(service_point=point, taken_by=staff, status=Complaint.Status.ESCALATED)
            CommentCardFactory(branch=branch)
            CallbackFactory(service_point=point, created_by=staff, due_at=at(3, 4, 10))
            ReferralFactory(service_point=point, referred_by=staff, referred_to=expert, remind_at=at(3, 4, 10))
        made.append(branch)
    return made


def queries_of(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(TODAY).status_code == 200
    return len(context.captured_queries)


def test_the_same_number_of_queries_whatever_the_number_of_branches_and_records(director_client, clock, django_assert_max_num_queries):
    _library(range(1), per_branch=1)
    few = queries_of(director_client)
    _library(range(1, 5), per_branch=6)
    with django_assert_max_num_queries(few):
        response = director_client.get(TODAY)
    days = {day.branch.name: day for day in response.context["day"].branches}
    assert len(days) == 6  # Main and Branch 0 to 4
    assert (days["Branch 4"].complaints_open, days["Branch 4"].today, days["Branch 4"].referrals_late) == (12, 6, 6)


@pytest.mark.parametrize("persona", ["supervisor", "director"])
def test_the_page_reads_in_few_queries(request, persona, clock, main_branch, django_assert_max_num_queries):
    _library(range(3), per_branch=4)
    client = request.getfixturevalue(f"{persona}_client")
    with django_assert_max_num_queries(18):
        assert client.get(TODAY).status_code == 200
