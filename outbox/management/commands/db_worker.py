"""`manage.py db_worker`: django-tasks-db's worker (the outbox's mail goes through it), kept
running through a database outage. Its own loop stops at the first error from the database
that is not a lock; this one waits, reconnects and goes on, so a database restart needs no
restart of the worker. It takes the place of django-tasks-db's command because `outbox`
comes before `django_tasks_db` in INSTALLED_APPS."""

import logging
import time

from django.db import OperationalError, connections
from django_tasks_db.management.commands.db_worker import Command as WorkerCommand

RECONNECT_SECONDS = 5

logger = logging.getLogger("outbox")


class Command(WorkerCommand):
    help = f"{WorkerCommand.help}, through database outages (it reconnects every {RECONNECT_SECONDS} seconds)"

    def handle(self, *args, **options) -> None:
        while True:
            try:
                return super().handle(*args, **options)
            except OperationalError as error:
                logger.warning(
                    "The database is unreachable (%s); the worker tries again in %s seconds.",
                    type(error).__name__, RECONNECT_SECONDS,
                )
                connections.close_all()
                time.sleep(RECONNECT_SECONDS)
