"""The rules of staff/access/coverage.py, each on its own, for each standing persona: the
coverage board is for the branch's supervisors and the Director; handover notes for the
staff who serve at the branch."""

import pytest

from desk.models import HandoverNote
from desk.tests.factories_coverage import HandoverNoteFactory
from staff import access
from staff.models import Branch

PERSONAS = ["desk", "desk2", "eastdesk", "supervisor", "director", "itadmin"]


def row(desk, desk2, eastdesk, supervisor, director, itadmin):
    return dict(zip(PERSONAS, [desk, desk2, eastdesk, supervisor, director, itadmin]))


@pytest.fixture
def note(desk, reference_desk):
    return HandoverNoteFactory(service_point=reference_desk, written_by=desk)


# (Main's board in scope, may see it) and Eastside's
MAIN_BOARD = row((False, False), (False, False), (False, False), (True, True), (True, True), (False, False))
EAST_BOARD = row((False, False), (False, False), (False, False), (False, False), (True, True), (False, False))
# A note at Main's reference desk: (in scope, may write one there, may dismiss it)
MAIN_NOTE = row((True, True, True), (True, True, True), (False, False, False), (True, True, True), (True, True, True),
                (False, False, False))


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_coverage_board(request, persona, main_branch, east_branch):
    user = request.getfixturevalue(persona)
    for branch, expected in ((main_branch, MAIN_BOARD), (east_branch, EAST_BOARD)):
        in_scope = Branch.objects.filter(access.coverage_branch_scope(user), pk=branch.pk).exists()
        assert (in_scope, access.may_see_coverage(user, branch.pk)) == expected[persona], (persona, branch)


@pytest.mark.parametrize("persona", PERSONAS)
def test_handover_notes(request, persona, note, reference_desk):
    user = request.getfixturevalue(persona)
    answer = (
        HandoverNote.objects.filter(access.handover_note_scope(user), pk=note.pk).exists(),
        access.may_write_handover_note(user, reference_desk),
        access.may_dismiss_handover_note(user, note),
    )
    assert answer == MAIN_NOTE[persona]
