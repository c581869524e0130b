import pytest


@pytest.fixture
def queue(settings, db):
    """Tasks go into the database, as in production, and wait for the worker; three tries,
    the first wait a minute."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.OUTBOX_ATTEMPTS = 3
    settings.OUTBOX_RETRY_SECONDS = 60
