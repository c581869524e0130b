"""`manage.py db_worker` is the outbox's: a database outage does not stop it (django-tasks-db's
own loop ends at the first such error); it reconnects and goes on."""

import signal

import pytest
from django.core.management import call_command, get_commands
from django.db import OperationalError
from django_tasks_db.management.commands.db_worker import Worker

from outbox.management.commands import db_worker


@pytest.fixture
def keep_signals():
    """The command installs its own handlers for Ctrl-C and TERM; the test run keeps pytest's."""
    saved = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


def test_db_worker_is_the_outboxs_command():
    assert get_commands()["db_worker"] == "outbox"


def test_the_worker_goes_on_after_the_database_was_unreachable(queue, keep_signals, monkeypatch):
    runs = []

    def run(worker):
        runs.append(worker.worker_id)
        if len(runs) == 1:
            raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Worker, "run", run)
    monkeypatch.setattr(db_worker, "RECONNECT_SECONDS", 0)
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--worker-id", "w", verbosity=0)
    assert runs == ["w", "w"]


def test_any_other_error_still_stops_it(queue, keep_signals, monkeypatch):
    monkeypatch.setattr(Worker, "run", lambda worker: (_ for _ in ()).throw(ValueError("a bug")))
    with pytest.raises(ValueError):
        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
