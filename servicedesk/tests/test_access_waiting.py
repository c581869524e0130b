"""The waiting list's rules (staff/access/waiting.py), on their own, for each standing persona:
everyone who serves patrons at the branch keeps its desks' lists, the Director any branch's,
the Administrator none."""

import pytest

from desk.models import WaitingPatron
from desk.tests.factories_waiting import WaitingPatronFactory
from staff import access

PERSONAS = ["desk", "desk2", "eastdesk", "supervisor", "director", "itadmin"]


def row(desk, desk2, eastdesk, supervisor, director, itadmin):
    return dict(zip(PERSONAS, [desk, desk2, eastdesk, supervisor, director, itadmin]))


@pytest.fixture
def records(desk, eastdesk, circulation_desk, east_desk):
    return {
        "main": WaitingPatronFactory(service_point=circulation_desk, added_by=desk),
        "east": WaitingPatronFactory(service_point=east_desk, added_by=eastdesk),
    }


# (in scope, may keep the list: the record, and its service point)
EXPECTED = {
    "main": row((True, True, True), (True, True, True), (False, False, False),
                (True, True, True), (True, True, True), (False, False, False)),
    "east": row((False, False, False), (False, False, False), (True, True, True),
                (False, False, False), (True, True, True), (False, False, False)),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("record", sorted(EXPECTED))
def test_who_keeps_a_branchs_waiting_list(request, records, record, persona):
    user = request.getfixturevalue(persona)
    entry = records[record]
    answer = (
        WaitingPatron.objects.filter(access.waiting_scope(user), pk=entry.pk).exists(),
        access.may_keep_waiting_list(user, entry),
        access.may_keep_waiting_list(user, entry.service_point),
    )
    assert answer == EXPECTED[record][persona]


def test_nobody_signed_out_sees_a_waiting_list(records):
    from django.contrib.auth.models import AnonymousUser

    assert not WaitingPatron.objects.filter(access.waiting_scope(AnonymousUser())).exists()
    assert not access.may_keep_waiting_list(AnonymousUser(), records["main"])
