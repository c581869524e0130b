"""Exactly once, even with two workers: on real transactions, two workers (threads, each with
its own database connection, as two `manage.py db_worker` processes) share one queue in which
every message has two tasks (as a message queued again after a lost task has), and a slow mail
server keeps each send open long enough for the other worker to try the same message."""

import threading
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connections
from django_tasks_db.models import DBTaskResult

from outbox.models import Message
from outbox.services import deliver, email_after_commit, message_send
from outbox.tests.helpers import run_worker

SLOW = {"default": {"BACKEND": "outbox.tests.test_two_workers.SlowBackend"}}
MESSAGES = 12


class SlowBackend(EmailBackend):
    def send_messages(self, messages):
        time.sleep(0.05)
        return super().send_messages(messages)


def in_threads(*targets):
    errors = []

    def run(target):
        try:
            target()
        except Exception as error:  # noqa: BLE001 (reported below, in the test's thread)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(target,)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


@pytest.mark.django_db(transaction=True)
def test_two_workers_send_each_message_exactly_once(queue, settings):
    settings.MAILERS = SLOW
    for n in range(MESSAGES):
        message = email_after_commit(subject=f"Notice {n}", body="A staff notice.", to=[f"staff{n}@library.example"], role="staff")
        deliver.enqueue(message.pk)
    assert DBTaskResult.objects.count() == 2 * MESSAGES

    in_threads(lambda: run_worker("worker-1"), lambda: run_worker("worker-2"))

    assert sorted(sent.subject for sent in mail.outbox) == sorted(f"Notice {n}" for n in range(MESSAGES))
    assert set(Message.objects.values_list("status", "attempts")) == {(Message.Status.SENT, 1)}
    workers = {worker for task in DBTaskResult.objects.all() for worker in task.worker_ids}
    assert workers == {"worker-1", "worker-2"}


@pytest.mark.django_db(transaction=True)
def test_two_workers_on_one_message_at_the_same_moment_send_it_once(queue, settings):
    settings.MAILERS = SLOW
    message = email_after_commit(subject="Notice", body="A staff notice.", to=["staff@library.example"], role="staff")
    start = threading.Barrier(2)
    answers = []

    def worker():
        start.wait()
        answers.append(message_send(message.pk))

    in_threads(worker, worker)
    assert sorted(answers) == ["not due, already sent or held by another worker", "sent"]
    assert len(mail.outbox) == 1
