"""What `make soak` concludes from its load log (benchmarks/soak_locustfile.py writes it) and
from the database: kept apart from the runner, and free of Django, so that the suite checks it.

- `requests()`: throughput, p95, and the errors inside and outside the fault windows; a
  request is inside a window when its time overlaps it. An error is no answer at all, or any
  answer but 2xx, a redirect or 409 (someone else changed the record first).
- `writes()`: every write the server acknowledged is in the database exactly once, found by
  its marker; a write that failed may or may not have been saved (its answer may have been
  lost), but never twice.
- `mail()`: every message the app queued reached the mail server exactly once.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

OK_STATUSES = range(200, 400)
CONFLICT = 409


@dataclass(frozen=True)
class Window:
    label: str
    start: float
    end: float

    def overlaps(self, start: float, end: float) -> bool:
        return start <= self.end and end >= self.start


@dataclass(frozen=True)
class Request:
    start: float
    end: float
    name: str
    status: int  # 0: no answer at all

    @property
    def error(self) -> bool:
        return self.status not in OK_STATUSES and self.status != CONFLICT


@dataclass
class RequestSummary:
    total: int
    seconds: float
    p50_ms: float
    p95_ms: float
    conflicts: int
    errors_outside: int
    errors_inside: dict[str, int]  # window label -> errors
    requests_inside: dict[str, int]
    statuses_inside: dict[str, dict[int, int]]
    error_names_outside: dict[str, int] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.total / self.seconds if self.seconds else 0.0


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def requests(log: list[Request], windows: list[Window]) -> RequestSummary:
    """p50 and p95 are of the requests outside every window: what staff meet on a normal day."""
    inside = {window.label: [r for r in log if window.overlaps(r.start, r.end)] for window in windows}
    outside = [r for r in log if not any(window.overlaps(r.start, r.end) for window in windows)]
    durations = [(r.end - r.start) * 1000 for r in outside if not r.error]
    seconds = (max(r.end for r in log) - min(r.start for r in log)) if log else 0.0
    return RequestSummary(
        total=len(log),
        seconds=seconds,
        p50_ms=percentile(durations, 0.50),
        p95_ms=percentile(durations, 0.95),
        conflicts=sum(1 for r in log if r.status == CONFLICT),
        errors_outside=sum(1 for r in outside if r.error),
        errors_inside={label: sum(1 for r in found if r.error) for label, found in inside.items()},
        requests_inside={label: len(found) for label, found in inside.items()},
        statuses_inside={label: dict(Counter(r.status for r in found if r.error)) for label, found in inside.items()},
        error_names_outside=dict(Counter(f"{r.name} ({r.status})" for r in outside if r.error)),
    )


def recovery_seconds(log: list[Request], back_at: float) -> float | None:
    """From the database's start to the end of the first request begun after it that succeeded."""
    answered = [r.end for r in log if r.start >= back_at and not r.error]
    return min(answered) - back_at if answered else None


@dataclass(frozen=True)
class Write:
    kind: str
    marker: str
    acknowledged: bool
    attempts: int = 1


@dataclass
class WriteCheck:
    kind: str
    acknowledged: int = 0
    failed: int = 0
    lost: list[str] = field(default_factory=list)  # acknowledged, not in the database
    duplicated: list[str] = field(default_factory=list)  # in the database more than once
    saved_unacknowledged: int = 0  # failed, yet saved once: the answer was lost, not the write
    retried: int = 0  # sent more than once (the same submission key)
    retried_saved_once: int = 0  # of those, in the database exactly once


def writes(sent: list[Write], found: dict[str, Counter]) -> list[WriteCheck]:
    """`found[kind][marker]`: how many rows of that kind carry the marker."""
    checks: dict[str, WriteCheck] = {}
    for write in sent:
        check = checks.setdefault(write.kind, WriteCheck(write.kind))
        count = found.get(write.kind, Counter())[write.marker]
        check.retried += write.attempts > 1
        check.retried_saved_once += write.attempts > 1 and count == 1
        if count > 1:
            check.duplicated.append(write.marker)
        if write.acknowledged:
            check.acknowledged += 1
            if count == 0:
                check.lost.append(write.marker)
        else:
            check.failed += 1
            check.saved_unacknowledged += count == 1
    return sorted(checks.values(), key=lambda check: check.kind)


def markers_in(texts: list[str], run: str) -> Counter:
    """How often each marker of the run appears in the texts (one row's text may hold it once)."""
    pattern = re.compile(rf"{re.escape(run)}-\d+")
    return Counter(found for text in texts for found in set(pattern.findall(text)))


@dataclass
class MailCheck:
    queued: int
    sent: int  # of those queued, how many the mail server received
    lost: list[str]  # queued, never received (one entry per message missing)
    duplicated: list[str]  # received more often than queued
    unexpected: int  # received, never queued


def mail(queued: list[str], received: list[str]) -> MailCheck:
    """Each message as a key (its Message-ID, or what else tells messages apart): those the app
    queued and those the mail server received. Compared as multisets, so that two messages with
    one key must arrive twice, and one sent twice shows."""
    wanted, got = Counter(queued), Counter(received)
    return MailCheck(
        queued=sum(wanted.values()),
        sent=sum((wanted & got).values()),
        lost=sorted((wanted - got).elements()),
        duplicated=sorted(key for key, count in got.items() if key in wanted and count > wanted[key]),
        unexpected=sum(count for key, count in got.items() if key not in wanted),
    )
