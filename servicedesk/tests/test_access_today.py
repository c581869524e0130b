"""The rules of staff/access/today.py, each on its own, for each standing persona: a branch's
day is for its supervisors and the Director, the escalation queue on it for the Director."""

import pytest

from staff import access
from staff.models import Branch

PERSONAS = ["desk", "desk2", "eastdesk", "supervisor", "director", "itadmin"]


def row(desk, desk2, eastdesk, supervisor, director, itadmin):
    return dict(zip(PERSONAS, [desk, desk2, eastdesk, supervisor, director, itadmin]))


SEES_A_DAY = row(False, False, False, True, True, False)
# (Main's day in scope, may see it) and Eastside's: the supervisor is Main's.
MAIN_DAY = row((False, False), (False, False), (False, False), (True, True), (True, True), (False, False))
EAST_DAY = row((False, False), (False, False), (False, False), (False, False), (True, True), (False, False))
AWAITS_ESCALATIONS = row(False, False, False, False, True, False)


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_lands_on_a_branch_day(request, persona, db):
    assert access.sees_branch_day(request.getfixturevalue(persona)) is SEES_A_DAY[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_whose_day_each_person_sees(request, persona, main_branch, east_branch):
    user = request.getfixturevalue(persona)
    for branch, expected in ((main_branch, MAIN_DAY), (east_branch, EAST_DAY)):
        in_scope = Branch.objects.filter(access.branch_day_scope(user), pk=branch.pk).exists()
        assert (in_scope, access.may_see_branch_day(user, branch.pk)) == expected[persona], (persona, branch)


@pytest.mark.parametrize("persona", PERSONAS)
def test_whose_day_opens_with_the_escalation_queue(request, persona, db):
    assert access.awaits_escalations(request.getfixturevalue(persona)) is AWAITS_ESCALATIONS[persona]
