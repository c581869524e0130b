"""The access record's hash chain: each entry carries `prev_hash`, the hash of the entry
before it, and `hash`, the SHA-256 of its own fields and `prev_hash`. Whoever changes,
removes or slips in an entry without rewriting every later one leaves a break that
`manage.py verify_access_record` finds (docs/permissions.md says what that does and does
not guarantee).

The serialisation below is a stored format: entries hashed with it must keep verifying, so
it never changes; a new format would get a new version tag and a migration."""

import datetime
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

# The predecessor of the first entry.
GENESIS = "0" * 64
VERSION = "v1"
# The fields an entry's hash covers, in this order (then prev_hash).
HASHED_FIELDS = (
    "at", "actor_id", "actor_username", "action", "record_type", "record_id", "branch_id", "page", "detail"
)
# pg_advisory_xact_lock key under which appends to the chain take turns on PostgreSQL.
APPEND_LOCK = 7_315_002_010


def canonical_time(at: datetime.datetime) -> str:
    """UTC to the microsecond, whatever the time zone it was read in."""
    return at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(fields: dict, prev_hash: str) -> str:
    """SHA-256 (hex) of the version tag, the hashed fields in HASHED_FIELDS order and the
    previous entry's hash, as a compact JSON array: unambiguous whatever the text holds."""
    values = [fields[name] for name in HASHED_FIELDS]
    values[0] = canonical_time(values[0])
    payload = json.dumps([VERSION, *values, prev_hash], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


@dataclass
class Break:
    """The first entry where the chain does not hold, and why."""

    id: int
    at: datetime.datetime
    reason: str


@dataclass
class Verdict:
    checked: int = 0
    broken: int = 0
    first_break: Break | None = None
    last_id: int | None = None
    last_hash: str = GENESIS


# What verify() reads of each entry, in pk order: the id, the hashed fields, then the two hashes.
COLUMNS = ("id", *HASHED_FIELDS, "prev_hash", "hash")

LINK_BROKEN = "broken link: its prev_hash is not the hash of the entry before it (an entry was removed, added or reordered)"
HASH_MISMATCH = "hash mismatch: its fields are not those it was written with (the entry was changed)"


def verify(rows: Iterable[tuple]) -> Verdict:
    """Walk rows of COLUMNS in pk order, checking each entry's link to the one before and
    its own hash. Counts every broken entry and keeps the first."""
    verdict = Verdict()
    for row in rows:
        entry = dict(zip(COLUMNS, row, strict=True))
        reason = None
        if entry["prev_hash"] != verdict.last_hash:
            reason = LINK_BROKEN
        elif entry_hash(entry, entry["prev_hash"]) != entry["hash"]:
            reason = HASH_MISMATCH
        if reason:
            verdict.broken += 1
            if verdict.first_break is None:
                verdict.first_break = Break(id=entry["id"], at=entry["at"], reason=reason)
        verdict.checked += 1
        verdict.last_id, verdict.last_hash = entry["id"], entry["hash"]
    return verdict
