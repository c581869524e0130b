"""The outbox on the real queue: a message waits in the database until the worker has handed it
to the mail server; a refusal is tried again later, each wait twice the last; after the last
try it is kept as failed with its error, never dropped, and goes once sent again. The task
rows carry the message's id only."""

import datetime
import json

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from outbox.models import Message
from outbox.services import DEIDENTIFIED, claim, email_after_commit, message_retry, messages_deidentify, requeue_stranded
from outbox.tests.factories import MessageFactory
from outbox.tests.helpers import ACCEPTING, REFUSING, run_worker, time_passes

ADDRESS = "o.quist@example.net"
BODY = "Dear Ms Quist, we are sorry the room was refused."
SUBJECT = "Complaint C-1 at Main: your reply"


@pytest.fixture
def queue_one(queue, django_capture_on_commit_callbacks, main_branch):
    def make():
        with django_capture_on_commit_callbacks(execute=True):
            return email_after_commit(subject=SUBJECT, body=BODY, to=[ADDRESS, ""], role=Message.Role.PATRON, branch=main_branch)

    return make


def fresh(message) -> Message:
    message.refresh_from_db()
    return message


def test_a_message_waits_in_the_database_until_the_worker_has_sent_it(queue_one, main_branch):
    message = queue_one()
    assert fresh(message).status == Message.Status.QUEUED and mail.outbox == []
    [task] = DBTaskResult.objects.all()
    assert task.args_kwargs == {"args": [message.pk], "kwargs": {}}
    run_worker()
    message = fresh(message)
    assert (message.status, message.attempts, message.branch, message.role) == (
        Message.Status.SENT, 1, main_branch, Message.Role.PATRON
    )
    assert message.sent_at is not None
    [sent] = mail.outbox
    assert (sent.subject, sent.body, sent.to) == (SUBJECT, BODY, [ADDRESS])
    # Handed over: the letter (kept on its record's timeline) and the address leave the outbox.
    assert (message.body, message.recipients) == ("", "")


def test_a_refused_message_is_tried_again_each_wait_twice_the_last_then_kept_as_failed(queue_one, settings):
    settings.MAILERS = REFUSING
    message = queue_one()
    run_worker()
    message = fresh(message)
    assert (message.status, message.attempts) == (Message.Status.QUEUED, 1)
    assert message.last_error.startswith("ConnectionRefusedError") and "[recipient]" in message.last_error
    assert ADDRESS not in message.last_error
    wait = message.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=55) < wait <= datetime.timedelta(seconds=60)

    run_worker()  # not due yet: nothing happens
    assert fresh(message).attempts == 1

    time_passes()
    run_worker()
    message = fresh(message)
    assert (message.status, message.attempts) == (Message.Status.QUEUED, 2)
    wait = message.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=115) < wait <= datetime.timedelta(seconds=120)

    time_passes()
    run_worker()
    message = fresh(message)
    assert (message.status, message.attempts) == (Message.Status.FAILED, 3)
    assert (message.body, message.recipients) == (BODY, ADDRESS)  # kept, to be sent again

    time_passes()
    run_worker()  # failed is final until someone sends it again
    assert (fresh(message).status, fresh(message).attempts) == (Message.Status.FAILED, 3)
    assert mail.outbox == []


def test_a_failed_message_sent_again_goes_once_the_server_is_back(queue_one, settings, director, django_capture_on_commit_callbacks):
    settings.MAILERS = REFUSING
    settings.OUTBOX_ATTEMPTS = 1
    message = queue_one()
    run_worker()
    assert fresh(message).status == Message.Status.FAILED

    settings.MAILERS = ACCEPTING
    with django_capture_on_commit_callbacks(execute=True):
        assert message_retry(by=director, message=message)
    assert (fresh(message).status, fresh(message).attempts) == (Message.Status.QUEUED, 0)
    run_worker()
    message = fresh(message)
    assert (message.status, message.retried_by) == (Message.Status.SENT, director)
    assert len(mail.outbox) == 1
    assert not message_retry(by=director, message=message)  # sent: nothing to send again


def test_the_task_rows_hold_the_id_only_never_the_letter_or_the_address(queue_one, settings):
    settings.MAILERS = REFUSING
    queue_one()
    for _ in range(3):
        run_worker()
        time_passes()
    assert Message.objects.get().status == Message.Status.FAILED
    for task in DBTaskResult.objects.all():
        stored = json.dumps([task.args_kwargs, task.return_value, task.traceback, task.exception_class_path])
        assert "Quist" not in stored and ADDRESS not in stored


def test_a_message_another_worker_holds_is_left_alone(queue_one):
    message = queue_one()
    Message.objects.update(claimed_until=timezone.now() + claim())
    run_worker()
    assert fresh(message).status == Message.Status.QUEUED and mail.outbox == []


def test_a_message_whose_task_was_lost_is_queued_again(queue_one):
    """A worker killed while sending, or the database gone just as the task was queued."""
    message = queue_one()
    DBTaskResult.objects.all().delete()
    Message.objects.update(next_attempt_at=timezone.now() - claim() - datetime.timedelta(minutes=1))
    assert requeue_stranded() == 1
    assert requeue_stranded() == 0  # queued again once
    run_worker()
    assert fresh(message).status == Message.Status.SENT and len(mail.outbox) == 1


def test_a_rolled_back_change_queues_nothing(queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        email_after_commit(subject=SUBJECT, body=BODY, to=[ADDRESS], role=Message.Role.PATRON)
        raise RuntimeError("the change fails")
    assert not Message.objects.exists() and not DBTaskResult.objects.exists()


def test_nobody_to_send_to_queues_nothing(queue):
    assert email_after_commit(subject=SUBJECT, body=BODY, to=["", ""], role=Message.Role.STAFF) is None
    assert not Message.objects.exists()


def test_a_message_never_sent_within_the_retention_period_loses_its_letter(db):
    long_ago = timezone.now() - datetime.timedelta(days=40)
    old_queued = MessageFactory(created_at=long_ago)
    old_failed = MessageFactory(created_at=long_ago, status=Message.Status.FAILED, last_error="refused")
    recent = MessageFactory(status=Message.Status.FAILED)
    assert messages_deidentify(before=timezone.now() - datetime.timedelta(days=30)) == 2
    for message in (old_queued, old_failed):
        message = fresh(message)
        assert (message.body, message.recipients, message.status) == ("", "", Message.Status.FAILED)
        assert message.last_error == DEIDENTIFIED and message.subject
    assert fresh(recent).body and fresh(recent).recipients


def test_sent_is_recorded_through_a_short_database_outage(queue_one, monkeypatch):
    """The mail server took it and the database answers again a moment later: the message is
    marked sent, not sent a second time."""
    from django.db.models import QuerySet

    from outbox import services

    update = QuerySet.update
    failures = []

    def unreachable_once(queryset, **values):
        if values.get("status") == Message.Status.SENT and not failures:
            failures.append(values)
            raise services.OperationalError("the database is restarting")
        return update(queryset, **values)

    monkeypatch.setattr(QuerySet, "update", unreachable_once)
    monkeypatch.setattr(services, "RECORD_SENT_WAITS", (0, 0))
    monkeypatch.setattr(services.connection, "close", lambda: None)  # the test's own connection stays
    message = queue_one()
    run_worker()
    assert failures and fresh(message).status == Message.Status.SENT
    assert len(mail.outbox) == 1
