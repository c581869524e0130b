"""Hand-counted feedback records in the fortnight of conftest.py (Monday 2 to Sunday 15
March 2026, UTC), for the complaints, reviews, cards and checklist sections. Test modules
import the fixtures they use. Every deadline here has passed by the time the tests run
(today is after March 2026), so an open record past its deadline is overdue today.

Complaints (received; steps, each after receipt; deadlines: acknowledge by / resolve by):
| C1 | Main, reference desk | Mon 2 Mar 09:00  | acknowledged +8 h, resolved +3 d      | 4 / 16 Mar | "Fines and fees"                 |
| C2 | Main, reference desk | Tue 3 Mar 10:00  | ack. +3.5 d (late), escalated +6 d,  | 5 / 17 Mar | "Fines and fees: overdue notices" |
|    |                      |                  | decided 2 d after; de-identified     |            |                                  |
| C3 | Main, circulation    | Wed 4 Mar 12:00  | none: new                            | 6 / 18 Mar | "Internet use, section 3"        |
| C4 | Main, no desk        | Tue 10 Mar 08:00 | acknowledged +12 h                   | 12 / 24 Mar| none                             |
| C5 | Eastside desk        | Thu 5 Mar 09:00  | acknowledged +1 h, resolved +1 d, closed | 9 / 19 Mar | "Code of conduct"            |
and C6, Main's reference desk, Sun 1 Mar 23:00: outside the period.

Every branch: 5 received, 1 escalated (C2), 2 still open (C3 new, C4 acknowledged), 2 overdue
(C3 not acknowledged, C4 not resolved). Waits to the acknowledgment: 1 h, 8 h, 12 h, 3.5 d:
median 10 h (0.4 d), 90th percentile 0.5 + 0.7 × 3 = 2.6 d; 3 of the 5 due by the deadline
(C2 late, C3 never). To the resolution or escalation: 1, 3, 6 d: median 3.0, 90th 5.4; all
3 in time, of 5 due (C3 and C4 past their day). Main: 4 received; its acknowledgment median
(8 h, 12 h, 3.5 d) 12 h = 0.5 d."""

import datetime

import pytest
from django.utils import timezone

from feedback.models import Complaint, ComplaintStep
from feedback.tests.factories import ComplaintFactory
from policy.models import Policy


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=datetime.UTC)


def march(day: int) -> datetime.date:
    return datetime.date(2026, 3, day)


STATUS_AFTER = {
    "acknowledge": Complaint.Status.ACKNOWLEDGED,
    "resolve": Complaint.Status.RESOLVED,
    "escalate": Complaint.Status.ESCALATED,
    "decide": Complaint.Status.DECIDED,
    "close": Complaint.Status.CLOSED,
}


def complaint(*, received, point, branch=None, by, steps=(), acknowledge_by, resolve_by, **fields) -> Complaint:
    """A complaint and its timeline: `steps` are (action, hours after receipt)."""
    status = STATUS_AFTER[steps[-1][0]] if steps else Complaint.Status.NEW
    record = ComplaintFactory(
        received_at=received, service_point=point, branch=branch or point.branch, taken_by=by, status=status,
        acknowledge_by=acknowledge_by, resolve_by=resolve_by, occurred_on=received.date(), **fields,
    )
    before = Complaint.Status.NEW
    for action, hours in steps:
        ComplaintStep.objects.create(
            complaint=record, by=by, action=action, at=received + datetime.timedelta(hours=hours),
            from_status=before, to_status=STATUS_AFTER[action],
        )
        before = STATUS_AFTER[action]
    return record


@pytest.fixture
def complaints_fortnight(desk, eastdesk, reference_desk, circulation_desk, east_desk, main_branch):
    Policy.objects.get_or_create(title="Fines and fees")
    Policy.objects.get_or_create(title="Code of conduct")
    return [
        complaint(received=at(2, 9), point=reference_desk, by=desk, steps=[("acknowledge", 8), ("resolve", 72)],
                  acknowledge_by=march(4), resolve_by=march(16), policy_reference="Fines and fees"),
        complaint(received=at(3, 10), point=reference_desk, by=desk,
                  steps=[("acknowledge", 84), ("escalate", 144), ("decide", 192)],
                  acknowledge_by=march(5), resolve_by=march(17), policy_reference="Fines and fees: overdue notices",
                  wants_director=True, deidentified_at=timezone.now(), contact_name="", contact_email="",
                  what_happened="[removed]"),
        complaint(received=at(4, 12), point=circulation_desk, by=desk, acknowledge_by=march(6), resolve_by=march(18),
                  policy_reference="Internet use, section 3"),
        complaint(received=at(10, 8), point=None, branch=main_branch, by=desk, steps=[("acknowledge", 12)],
                  acknowledge_by=march(12), resolve_by=march(24)),
        complaint(received=at(5, 9), point=east_desk, by=eastdesk,
                  steps=[("acknowledge", 1), ("resolve", 24), ("close", 30)],
                  acknowledge_by=march(9), resolve_by=march(19), policy_reference="Code of conduct"),
        complaint(received=at(1, 23), point=reference_desk, by=desk, acknowledge_by=march(3), resolve_by=march(13)),
    ]
