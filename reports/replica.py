"""Reports read from a PostgreSQL replica when there is one (DATABASE_REPLICA_URL), so that
a year's report never slows the desk. The router sends a read to the replica only while a
report is being built (inside `reporting()`), and never a read of the access record, whose
next entry must link to the last one on the primary. Writes, migrations and everything
else stay on the primary ("default")."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

_reporting: ContextVar[bool] = ContextVar("reporting", default=False)
# The models that are always read where they are written.
PRIMARY_ONLY = {"staff.accessrecord"}
REPLICA = "replica"


@contextmanager
def reporting() -> Iterator[None]:
    """Reads inside this block are reports' reads."""
    token = _reporting.set(True)
    try:
        yield
    finally:
        _reporting.reset(token)


class ReportsReplicaRouter:
    def db_for_read(self, model, **hints):
        if not _reporting.get() or settings.REPORTS_DATABASE != REPLICA:
            return None
        if model._meta.label_lower in PRIMARY_ONLY:
            return "default"
        return REPLICA

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        """The replica follows the primary's schema by replication: never migrated itself."""
        return db != REPLICA
