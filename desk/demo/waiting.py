"""The waiting list's part of the demo library: a few patrons waiting at Main's circulation
desk now (one already acknowledged), and some served earlier, one who left without being
served: what `make run` shows on the console of `desk` and `supervisor`."""

import datetime

from desk.models import WaitingPatron
from staff.models import ServicePoint

Status = WaitingPatron.Status

# (label, minutes ago added, minutes to acknowledge or None, minutes to the end or None, how it ended)
DEMO = [
    ("Adaeze, returning a laptop", 95, 1, 4, Status.SERVED),
    ("Man in a grey raincoat", 80, 2, 11, Status.SERVED),
    ("Student with a printing question", 62, None, 9, Status.LEFT),
    ("Ruth", 41, 1, 6, Status.SERVED),
    ("Woman with a stroller", 12, 2, None, Status.WAITING),
    ("Kofi", 6, None, None, Status.WAITING),
    ("Teenager with a library card form", 2, None, None, Status.WAITING),
]
# Who works the desk in the demo: added and acknowledged by one, served by the other.
STAFF = ("desk", "supervisor")


def ensure_demo_waiting(*, points: dict[tuple[str, str], ServicePoint], users: dict, now: datetime.datetime) -> None:
    """Adds the demo's waiting list unless the desk already has one from the last two hours."""
    point = points[("main", "Circulation desk")]
    if WaitingPatron.objects.filter(service_point=point, added_at__gte=now - datetime.timedelta(hours=2)).exists():
        return
    first, second = (users[name] for name in STAFF)
    entries = []
    for label, ago, acknowledged, ended, status in DEMO:
        added_at = now - datetime.timedelta(minutes=ago)
        entries.append(
            WaitingPatron(
                service_point=point,
                branch_id=point.branch_id,
                label=label,
                status=status,
                added_at=added_at,
                added_by=first,
                acknowledged_at=added_at + datetime.timedelta(minutes=acknowledged) if acknowledged else None,
                acknowledged_by=first if acknowledged else None,
                ended_at=added_at + datetime.timedelta(minutes=ended) if ended else None,
                ended_by=second if ended else None,
            )
        )
    WaitingPatron.objects.bulk_create(entries)
