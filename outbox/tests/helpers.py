"""The outbox's tests run the real queue: tasks in the database, run by django-tasks-db's
worker (its Worker class, as `manage.py db_worker --batch` runs it, without the signal
handlers a thread may not install), and a mail server that refuses when told to."""

import datetime
from unittest import mock

from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from outbox.models import Message

REFUSING = {"default": {"BACKEND": "outbox.tests.helpers.RefusingBackend"}}
ACCEPTING = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down; its error names the recipient, as smtplib's do."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, f"Connection refused sending to {email_messages[0].to[0]}")


def run_worker(worker_id: str = "worker") -> None:
    """Run every task that is due, then stop. Its check for stale connections between tasks
    is left out: inside a test's transaction it would close the test's own connection."""
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        _worker(worker_id).run()


def _worker(worker_id: str) -> db_worker.Worker:
    return db_worker.Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id=worker_id, excluded_queue_names=[],
    )


def time_passes() -> None:
    """Every wait is over: each message and each waiting task is due now."""
    earlier = timezone.now() - datetime.timedelta(seconds=1)
    Message.objects.filter(next_attempt_at__gt=earlier).update(next_attempt_at=earlier)
    DBTaskResult.objects.filter(status="READY").update(run_after=earlier)
