"""Every scope and predicate of staff/access/callbacks.py, on its own, for each standing
persona (two desk staff at Main, one at Eastside, Main's supervisor, the Director, the IT
administrator); the scope and the predicate for one callback agree."""

import pytest

from desk.models import Callback
from desk.tests.factories_callbacks import CallbackFactory
from staff import access

PERSONAS = ["desk", "desk2", "eastdesk", "supervisor", "director", "itadmin"]


def row(desk, desk2, eastdesk, supervisor, director, itadmin):
    return dict(zip(PERSONAS, [desk, desk2, eastdesk, supervisor, director, itadmin]))


@pytest.fixture
def callbacks(desk, eastdesk, reference_desk, east_desk):
    """Main's callback desk took (left to the service point); Eastside's, eastdesk's."""
    return {
        "main": CallbackFactory(service_point=reference_desk, created_by=desk),
        "east": CallbackFactory(service_point=east_desk, created_by=eastdesk),
    }


def _in_scope(user, callback) -> bool:
    return Callback.objects.filter(access.callback_scope(user), pk=callback.pk).exists()


# (in scope, may see, may work, may cancel, watches the branch's overdue ones)
ANSWERS = {
    "main": row(
        (True, True, True, True, False),
        (True, True, True, False, False),
        (False, False, False, False, False),
        (True, True, True, True, True),
        (True, True, True, True, True),
        (False, False, False, False, False),
    ),
    "east": row(
        (False, False, False, False, False),
        (False, False, False, False, False),
        (True, True, True, True, False),
        (False, False, False, False, False),
        (True, True, True, True, True),
        (False, False, False, False, False),
    ),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("which", sorted(ANSWERS))
def test_each_callback_rule_answers_what_roles_md_says(request, callbacks, which, persona):
    user = request.getfixturevalue(persona)
    callback = callbacks[which]
    answer = (
        _in_scope(user, callback),
        access.may_see_callback(user, callback),
        access.may_work_callback(user, callback),
        access.may_cancel_callback(user, callback),
        access.watches_overdue_callbacks(user, callback.branch_id),
    )
    assert answer == ANSWERS[which][persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_scope_and_the_predicate_agree(request, callbacks, persona):
    user = request.getfixturevalue(persona)
    for callback in callbacks.values():
        assert _in_scope(user, callback) == access.may_see_callback(user, callback)


def test_whoever_it_is_assigned_to_may_cancel_it(desk, desk2, reference_desk):
    callback = CallbackFactory(service_point=reference_desk, created_by=desk, assigned_to=desk2)
    assert access.may_cancel_callback(desk2, callback)


def test_a_signed_out_visitor_sees_no_callback(callbacks):
    from django.contrib.auth.models import AnonymousUser

    assert not Callback.objects.filter(access.callback_scope(AnonymousUser())).exists()


@pytest.mark.parametrize(
    "branch, expected",
    [("main", {"desk", "desk2", "supervisor"}), ("east", {"eastdesk"})],
)
def test_a_callback_is_assigned_to_the_branchs_desk_not_the_director_nor_the_administrator(
    request, desk, desk2, eastdesk, supervisor, director, itadmin, main_branch, east_branch, branch, expected
):
    branch_id = (main_branch if branch == "main" else east_branch).pk
    assert set(access.callback_assignees(branch_id).values_list("username", flat=True)) == expected
