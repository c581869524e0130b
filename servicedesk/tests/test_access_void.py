"""Voiding an interaction and reading a patron's interaction history (roles.md: "remove an
interaction: void with a reason", "a patron's interaction history"), each rule on its own for
each standing persona."""

import pytest

from interactions.tests.factories import InteractionFactory
from patrons.tests.factories import PatronFactory
from servicedesk.tests.test_access_rules import PERSONAS, row
from staff import access

# (void desk's interaction at Main, void eastdesk's at Eastside)
VOID = row((False, False), (False, False), (False, False), (True, False), (True, True), (False, False))
# (a Main patron's history, an Eastside patron's): supervisors see the history (their scope
# keeps them to their own branches' interactions), the Director all.
HISTORY = row((False, False), (False, False), (False, False), (True, True), (True, True), (False, False))


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_void_an_interaction(request, persona, desk, eastdesk, reference_desk, east_desk):
    user = request.getfixturevalue(persona)
    main = InteractionFactory(service_point=reference_desk, staff=desk)
    east = InteractionFactory(service_point=east_desk, staff=eastdesk)
    assert (access.may_void_interaction(user, main), access.may_void_interaction(user, east)) == VOID[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_read_a_patrons_interaction_history(request, persona, main_branch, east_branch):
    user = request.getfixturevalue(persona)
    main, east = PatronFactory(home_branch=main_branch), PatronFactory(home_branch=east_branch)
    assert (access.may_read_patron_history(user, main), access.may_read_patron_history(user, east)) == HISTORY[persona]
