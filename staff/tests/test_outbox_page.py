"""The outbox page (/outbox/): what each role sees of the e-mail sent, and sending a failed
message again. No one reads a letter's words there; the Administrator never an address."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outbox.models import Message
from outbox.tests.factories import MessageFactory

OUTBOX = reverse("outbox")
BODY = "Dear Ms Quist, the letter's words."


@pytest.fixture
def messages(main_branch, east_branch):
    return {
        "main": MessageFactory(
            branch=main_branch, subject="Complaint C-7 at Main: your reply", recipients="o.quist@example.net",
            body=BODY, status=Message.Status.FAILED, attempts=8, last_error="ConnectionRefusedError: refused",
        ),
        "east": MessageFactory(
            branch=east_branch, subject="Complaint C-8 at Eastside: new", recipients="east@library.example",
            body=BODY, role=Message.Role.STAFF,
        ),
    }


def test_a_supervisor_sees_own_branchs_messages_with_whom_they_go_to(supervisor_client, messages):
    page = supervisor_client.get(OUTBOX).content.decode()
    assert "Complaint C-7 at Main: your reply" in page and "o.quist@example.net" in page
    assert "ConnectionRefusedError: refused" in page and "Send again" in page
    assert "C-8" not in page and "east@library.example" not in page
    assert BODY not in page


def test_the_director_sees_every_message_and_its_addresses(director_client, messages):
    page = director_client.get(OUTBOX).content.decode()
    assert "o.quist@example.net" in page and "east@library.example" in page
    assert BODY not in page


def test_the_administrator_sees_subjects_and_whom_by_role_never_an_address_or_words(itadmin_client, messages):
    page = itadmin_client.get(OUTBOX).content.decode()
    assert "Complaint C-7 at Main: your reply" in page and "Complaint C-8 at Eastside: new" in page
    assert "Patron" in page and "Staff" in page and "Send again" in page
    assert "o.quist@example.net" not in page and "east@library.example" not in page and BODY not in page


def test_desk_staff_are_refused_the_outbox(desk_client, messages):
    response = desk_client.get(OUTBOX)
    assert response.status_code == 403 and "The outbox" in response.content.decode()
    assert desk_client.post(reverse("outbox_retry", args=[messages["main"].pk])).status_code == 403
    assert Message.objects.get(pk=messages["main"].pk).status == Message.Status.FAILED


def test_one_status_at_a_time(director_client, messages):
    page = director_client.get(OUTBOX, {"status": "failed"}).content.decode()
    assert "C-7" in page and "C-8" not in page
    assert "Failed (1)" in page and "Queued (1)" in page and "All (2)" in page


def test_a_supervisor_sends_a_failed_message_again_and_it_goes(
    supervisor_client, messages, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = supervisor_client.post(reverse("outbox_retry", args=[messages["main"].pk]), follow=True)
    assert "is queued to be sent again" in response.content.decode()
    message = Message.objects.get(pk=messages["main"].pk)
    assert (message.status, message.attempts, message.body) == (Message.Status.SENT, 1, "")
    [sent] = mail.outbox
    assert sent.to == ["o.quist@example.net"] and sent.body == BODY


def test_another_branchs_message_is_not_found_and_a_queued_one_is_not_sent_again(supervisor_client, director_client, messages):
    assert supervisor_client.post(reverse("outbox_retry", args=[messages["east"].pk])).status_code == 404
    response = director_client.post(reverse("outbox_retry", args=[messages["east"].pk]), follow=True)
    assert "is not a failed message that can be sent again" in response.content.decode()
    assert Message.objects.get(pk=messages["east"].pk).attempts == 0
    assert mail.outbox == []


def test_the_outbox_never_counts_every_message(director_client, messages, main_branch):
    """The outbox gains a row for every e-mail: its counts and pages stop at the queues' bound
    (servicedesk.lib.counts), and still count what is there below it."""
    MessageFactory.create_batch(55, branch=main_branch, status=Message.Status.SENT)
    with CaptureQueriesContext(connection) as captured:
        page = director_client.get(OUTBOX).content.decode()
    counts = [query["sql"] for query in captured.captured_queries if "COUNT(" in query["sql"] and "outbox_message" in query["sql"]]
    assert counts and all("LIMIT 1001" in sql for sql in counts), counts
    assert "All (57)" in page and "Sent (55)" in page and "Failed (1)" in page and "Page 1 of 2" in page
