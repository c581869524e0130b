"""The reports' rules for the records a branch works as a team (staff/access/reports.py), on
their own, for each standing persona: who sees the complaints, reviews, cards and checklist
sections, and which branch-kept records (review requests, cards, suggestions: no service
point) their reports count."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from feedback.models import CommentCard
from feedback.tests.factories import CommentCardFactory
from reports.filters import Filters, branch_scope_for
from staff import access

PERSONAS = ["desk", "desk2", "eastdesk", "supervisor", "director", "itadmin"]


@pytest.fixture
def cards(main_branch, east_branch):
    return {"main": CommentCardFactory(branch=main_branch), "east": CommentCardFactory(branch=east_branch)}


# (sees the sections, the Main card counted, the Eastside card counted)
EXPECTED = {
    "desk": (False, False, False),
    "desk2": (False, False, False),
    "eastdesk": (False, False, False),
    "supervisor": (True, True, False),
    "director": (True, True, True),
    "itadmin": (False, False, False),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_sees_the_feedback_reports_and_what_they_count(request, cards, persona):
    user = request.getfixturevalue(persona)
    counted = set(CommentCard.objects.filter(access.report_branch_scope(user)).values_list("pk", flat=True))
    answer = (access.sees_feedback_reports(user), cards["main"].pk in counted, cards["east"].pk in counted)
    assert answer == EXPECTED[persona]


def test_a_chosen_service_point_counts_its_branchs_records(director, cards, east_desk):
    day = datetime.date(2026, 3, 2)
    scope = branch_scope_for(director, Filters(start=day, end=day, point=east_desk))
    assert list(CommentCard.objects.filter(scope)) == [cards["east"]]
    scope = branch_scope_for(director, Filters(start=day, end=day, branch=cards["main"].branch))
    assert list(CommentCard.objects.filter(scope)) == [cards["main"]]


def test_nobody_signed_out_sees_them(cards):
    assert not access.sees_feedback_reports(AnonymousUser())
    assert not CommentCard.objects.filter(access.report_branch_scope(AnonymousUser())).exists()
