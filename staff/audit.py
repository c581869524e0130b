"""Writing to the access record (staff.models.AccessRecord): who read which confidential
record, every refused attempt on one, every sign-in and every change of account or role.
Entries say which record and from which page, never what it contains."""

from contextvars import ContextVar

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone

from staff import chain
from staff.models import AccessRecord

# The page being served and who is asking, set by staff.middleware.AccessRecordPageMiddleware.
current_page: ContextVar[str] = ContextVar("current_page", default="")
current_user: ContextVar[object | None] = ContextVar("current_user", default=None)


@transaction.atomic
def record_access(
    *, actor, action: str, record=None, branch_id: int | None = None, username: str = "", detail: str = ""
) -> AccessRecord:
    """Append an entry to the end of the hash chain. Appends take turns (an advisory lock
    on PostgreSQL, held to the end of the transaction, so that several app servers never
    link two entries to the same predecessor; SQLite's IMMEDIATE transactions already let
    one writer in at a time): the entry before is read, and the new one linked to it,
    under the same lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [chain.APPEND_LOCK])
    entry = AccessRecord(
        at=timezone.now(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_username=(getattr(actor, "username", "") or username)[:150],
        action=action,
        record_type=record._meta.model_name if record is not None else "",
        record_id=record.pk if record is not None else None,
        branch_id=branch_id,
        page=current_page.get()[:200],
        detail=detail[:200],
    )
    entry.prev_hash = AccessRecord.objects.order_by("-pk").values_list("hash", flat=True).first() or chain.GENESIS
    entry.hash = chain.entry_hash({name: getattr(entry, name) for name in chain.HASHED_FIELDS}, entry.prev_hash)
    entry.save()
    return entry


def record_read(*, viewer: User, record, branch_id: int, action: str, author_id: int | None = None) -> None:
    """A read of a confidential part, unless the viewer wrote it ("by anyone other than its author").
    Called by staff/confidential.py only, in the same call that hands the part out."""
    if author_id is not None and author_id == viewer.pk:
        return
    record_access(actor=viewer, action=action, record=record, branch_id=branch_id)
