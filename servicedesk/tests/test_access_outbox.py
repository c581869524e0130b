"""The outbox's rules (staff/access/outbox.py), on their own, for each standing persona:
supervisors see their branch's messages with the addresses and send a failed one again; the
Director every message; the Administrator every message, never an address, and sends a failed
one again; desk staff nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser

from outbox.models import Message
from outbox.tests.factories import MessageFactory
from staff import access

PERSONAS = ["desk", "desk2", "eastdesk", "supervisor", "director", "itadmin"]


def row(desk, desk2, eastdesk, supervisor, director, itadmin):
    return dict(zip(PERSONAS, [desk, desk2, eastdesk, supervisor, director, itadmin]))


NOTHING = (False, False, False)
EVERYTHING = (True, True, True)
ADMINISTRATOR = (True, False, True)  # sees it and sends it again; never an address


@pytest.fixture
def records(main_branch, east_branch):
    failed = {"status": Message.Status.FAILED}
    return {
        "main": MessageFactory(branch=main_branch, **failed),
        "east": MessageFactory(branch=east_branch, **failed),
        # A staff notice of no branch (an account's password set by another person).
        "no branch": MessageFactory(branch=None, role=Message.Role.STAFF, **failed),
    }


# (in scope, may read the addresses, may send it again)
EXPECTED = {
    "main": row(NOTHING, NOTHING, NOTHING, EVERYTHING, EVERYTHING, ADMINISTRATOR),
    "east": row(NOTHING, NOTHING, NOTHING, NOTHING, EVERYTHING, ADMINISTRATOR),
    "no branch": row(NOTHING, NOTHING, NOTHING, NOTHING, EVERYTHING, ADMINISTRATOR),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("record", sorted(EXPECTED))
def test_who_sees_a_message_its_addresses_and_sends_it_again(request, records, record, persona):
    user = request.getfixturevalue(persona)
    message = records[record]
    answer = (
        access.messages_visible_to(user).filter(pk=message.pk).exists(),
        access.may_read_message_addresses(user, message),
        access.may_retry_message(user, message),
    )
    assert answer == EXPECTED[record][persona]


@pytest.mark.parametrize("persona", ["supervisor", "director", "itadmin"])
@pytest.mark.parametrize(
    "state",
    [
        {"status": Message.Status.QUEUED},
        {"status": Message.Status.SENT, "body": "", "recipients": ""},
        # Not sent within the retention period: nothing left to send.
        {"status": Message.Status.FAILED, "body": "", "recipients": ""},
    ],
)
def test_only_a_failed_message_that_holds_its_letter_is_sent_again(request, main_branch, persona, state):
    user = request.getfixturevalue(persona)
    assert not access.may_retry_message(user, MessageFactory(branch=main_branch, **state))


def test_nobody_signed_out_sees_the_outbox(records):
    assert not access.messages_visible_to(AnonymousUser()).exists()
    assert not access.may_read_message_addresses(AnonymousUser(), records["main"])
    assert not access.may_retry_message(AnonymousUser(), records["main"])
