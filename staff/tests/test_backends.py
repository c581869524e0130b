"""user.has_perm(perm, record) answers exactly what the access rules answer."""

import pytest

from interactions.tests.factories import InteractionFactory
from patrons.tests.factories import PatronFactory

PERSONAS = ["desk", "desk2", "eastdesk", "supervisor", "director", "itadmin"]

# persona -> (view interaction, view note, change interaction, view patron details)
EXPECTED = {
    "desk": (True, True, True, False),
    "desk2": (True, False, False, False),
    "eastdesk": (False, False, False, False),
    "supervisor": (True, True, True, True),
    "director": (True, True, True, True),
    "itadmin": (False, False, False, False),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_object_permissions_follow_the_access_rules(request, persona, desk, reference_desk, main_branch):
    interaction = InteractionFactory(service_point=reference_desk, staff=desk, note="private")
    patron = PatronFactory(home_branch=main_branch)
    user = request.getfixturevalue(persona)
    answers = (
        user.has_perm("interactions.view_interaction", interaction),
        user.has_perm("interactions.view_note", interaction),
        user.has_perm("interactions.change_interaction", interaction),
        user.has_perm("patrons.view_patron_details", patron),
    )
    assert answers == EXPECTED[persona]


def test_an_unknown_permission_on_a_record_is_refused(director, desk, reference_desk):
    interaction = InteractionFactory(service_point=reference_desk, staff=desk)
    assert not director.has_perm("interactions.delete_interaction", interaction)


def test_an_inactive_account_has_no_object_permission(desk, reference_desk):
    interaction = InteractionFactory(service_point=reference_desk, staff=desk)
    desk.is_active = False
    assert not desk.has_perm("interactions.view_note", interaction)
