"""Hand-counted feedback records in the fortnight of conftest.py (Monday 2 to Sunday 15
March 2026, UTC), for the complaints, reviews, cards and checklist sections. Test modules
import the fixtures they use. Every deadline here has passed by the time the tests run
(today is after March 2026), so an open record past its deadline is overdue today.

Complaints (received; steps, each after receipt; deadlines: acknowledge by / resolve by):
| C1 | Main, reference desk | Mon 2 Mar 09:00  | acknowledged +8 h, resolved +3 d      | 4 / 16 Mar | "Fines and fees"                 |
| C2 | Main, reference desk | Tue 3 Mar 10:00  | ack. +3.5 d (late), escalated +6 d,  | 5 / 17 Mar | " fines and  FEES "              |
|    |                      |                  | decided 2 d after; de-identified     |            |                                  |
| C3 | Main, circulation    | Wed 4 Mar 12:00  | none: new                            | 6 / 18 Mar | "Internet use, section 3"        |
| C4 | Main, no desk        | Tue 10 Mar 08:00 | acknowledged +12 h                   | 12 / 24 Mar| none                             |
| C5 | Eastside desk        | Thu 5 Mar 09:00  | acknowledged +1 h, resolved +1 d, closed | 9 / 19 Mar | "Code of conduct: quiet areas" |
and C6, Main's reference desk, Sun 1 Mar 23:00: outside the period.

Every branch: 5 received, 1 escalated (C2), 2 still open (C3 new, C4 acknowledged), 2 overdue
(C3 not acknowledged, C4 not resolved). Waits to the acknowledgment: 1 h, 8 h, 12 h, 3.5 d:
median 10 h (0.4 d), 90th percentile 0.5 + 0.7 × 3 = 2.6 d; 3 of the 5 due by the deadline
(C2 late, C3 never). To the resolution or escalation: 1, 3, 6 d: median 3.0, 90th 5.4; all
3 in time, of 5 due (C3 and C4 past their day). Main: 4 received; its acknowledgment median
(8 h, 12 h, 3.5 d) 12 h = 0.5 d.

Review requests (received; acknowledged; decided; deadlines: acknowledge by / decide by):
| R1 | Main, book     | Mon 2 Mar 10:00  | +1 d        | retain, +10 d                 | 9 Mar / 1 May  | letter sent     |
| R2 | Main, DVD      | Wed 4 Mar 09:00  | +3 d (late) | relocate, +4 d; appealed 6 d  | 6 Mar / 30 Apr | appeal decided  |
|    |                |                  |             | after receipt, retained 3 d later; de-identified |  |                 |
| R3 | Main, book     | Thu 12 Mar 15:00 | —           | —                             | 19 Mar / 11 May| received        |
| R4 | Eastside, book | Fri 6 Mar 11:00  | —           | —                             | in 30 / 60 days| received        |
and R5, Main, Mon 16 Mar: outside the period.

Every branch: 4 received, 2 still open (R3, R4), 1 overdue (R3), 1 appealed (R2). Waits to
the acknowledgment: 1, 3 d: median 2.0, 90th 2.8; 1 of the 3 due in time (R2 late, R3 never).
To the decision: 4, 10 d: median 7.0, 90th 9.4; 2 of 3 due in time (R3 past its day). The
appeal: 3.0 d. Decided, after any appeal: retain 2 (R2's appeal retained it), not yet 2.

Comment cards: K1 Main suggestion, new; K2 Main compliment, closed; K3 Main complaint, thanked,
reply due 9 Mar (overdue); K4 Main compliment, new, de-identified; K5 Eastside question,
replied; K6 outside. Every branch: 5 cards, compliments 2 (40%), 3 still open, 1 overdue.
Purchase suggestions (decided, days after receipt): P1 Main pending; P2 Main accepted (2);
P3 Main ordered (4); P4 Eastside declined (1); P5 Main declined (6), de-identified; P6
outside. Every branch: 5, said yes to 2 of the 4 decided (50%); waits 1, 2, 4, 6: median 3.0
d, 90th 5.4 d. Main: 4 cards, 4 suggestions, yes to 2 of 3.

Checklist ticks (✓ ticked, ✗ not), one record each:
| Mon 2 Mar  | Main reference   | Interaction: greeted ✓, follow-up ✓ |
| Mon 2 Mar  | Main reference   | Interaction: greeted ✓, follow-up ✗ |
| Tue 10 Mar | Main reference   | Interaction: greeted ✗, follow-up ✗ |
| Mon 2 Mar  | Eastside desk    | Interaction: greeted ✓, follow-up ✓ |
| Wed 4 Mar  | Main circulation | Desk opening: staffed ✓, name tag ✗ |
| Thu 12 Mar | Main circulation | Desk opening: staffed ✓, name tag ✓ |
| Fri 6 Mar  | Main, no desk    | Complaint handling: listened ✓      |
and Sun 1 Mar, Main reference, Interaction: greeted ✓ (outside the period).
Every branch: Interaction 5 of 8 (62.5%), Desk opening 3 of 4 (75%), Complaint handling 1 of 1;
9 of 13 (69.2%). Week of 2 March: 83.3, 50.0, 100.0; of 9 March: 0.0, 100.0, none. Main:
Interaction 3 of 6 (50%); 7 of 11 (63.6%)."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from feedback.models import CommentCard, Complaint, ComplaintStep, PurchaseSuggestion, ReviewRequest, ReviewStep
from feedback.services.complaint_rules import count_first_steps
from feedback.tests.factories import (
    CommentCardFactory,
    ComplaintFactory,
    PurchaseSuggestionFactory,
    ReviewRequestFactory,
)
from interactions import rollup
from interactions.models import Interaction
from policy.models import ChecklistItem, ChecklistTick, DeskSession, PolicyVersion


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=datetime.UTC)


def march(day: int) -> datetime.date:
    return datetime.date(2026, 3, day)


STATUS_AFTER = {
    "acknowledge": Complaint.Status.ACKNOWLEDGED,
    "reopen": Complaint.Status.IN_PROGRESS,
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
    # Written without the workflow: its first steps are counted as the rebuild command does.
    count_first_steps(Complaint.objects.filter(pk=record.pk))
    record.refresh_from_db()
    return record


@pytest.fixture
def complaints_fortnight(desk, eastdesk, reference_desk, circulation_desk, east_desk, main_branch):
    return [
        complaint(received=at(2, 9), point=reference_desk, by=desk, steps=[("acknowledge", 8), ("resolve", 72)],
                  acknowledge_by=march(4), resolve_by=march(16), policy_reference="Fines and fees"),
        complaint(received=at(3, 10), point=reference_desk, by=desk,
                  steps=[("acknowledge", 84), ("escalate", 144), ("decide", 192)],
                  acknowledge_by=march(5), resolve_by=march(17), policy_reference=" fines and  FEES ",
                  wants_director=True, deidentified_at=timezone.now(), contact_name="", contact_email="",
                  what_happened="[removed]"),
        complaint(received=at(4, 12), point=circulation_desk, by=desk, acknowledge_by=march(6), resolve_by=march(18),
                  policy_reference="Internet use, section 3"),
        complaint(received=at(10, 8), point=None, branch=main_branch, by=desk, steps=[("acknowledge", 12)],
                  acknowledge_by=march(12), resolve_by=march(24)),
        complaint(received=at(5, 9), point=east_desk, by=eastdesk,
                  steps=[("acknowledge", 1), ("resolve", 24), ("close", 30)],
                  acknowledge_by=march(9), resolve_by=march(19), policy_reference="Code of conduct: quiet areas"),
        complaint(received=at(1, 23), point=reference_desk, by=desk, acknowledge_by=march(3), resolve_by=march(13)),
    ]


def review(*, received, branch, by, acknowledged=None, decided=None, appealed=None, appeal_decided=None, **fields):
    """A review request and its timeline; the waits are in days after receipt."""
    record = ReviewRequestFactory(
        received_at=received, branch=branch, taken_by=by,
        decided_at=received + datetime.timedelta(days=decided) if decided is not None else None,
        appeal_decided_at=received + datetime.timedelta(days=appeal_decided) if appeal_decided is not None else None,
        **fields,
    )
    for action, wait in (("acknowledge", acknowledged), ("appeal", appealed)):
        if wait is not None:
            ReviewStep.objects.create(review=record, by=by, action=action, at=received + datetime.timedelta(days=wait))
    return record


@pytest.fixture
def reviews_fortnight(desk, eastdesk, main_branch, east_branch):
    Status, Decision = ReviewRequest.Status, ReviewRequest.Decision
    later = timezone.localdate() + datetime.timedelta(days=30)
    return [
        review(received=at(2, 10), branch=main_branch, by=desk, acknowledged=1, decided=10, status=Status.NOTIFIED,
               decision=Decision.RETAIN, acknowledge_by=march(9), decide_by=datetime.date(2026, 5, 1)),
        review(received=at(4, 9), branch=main_branch, by=desk, acknowledged=3, decided=4, appealed=6, appeal_decided=9,
               status=Status.APPEAL_DECIDED, decision=Decision.RELOCATE, appeal_decision=Decision.RETAIN,
               format=ReviewRequest.Format.DVD, acknowledge_by=march(6), decide_by=datetime.date(2026, 4, 30),
               deidentified_at=timezone.now(), requester_name="", requester_email=""),
        review(received=at(12, 15), branch=main_branch, by=desk, acknowledge_by=march(19),
               decide_by=datetime.date(2026, 5, 11)),
        review(received=at(6, 11), branch=east_branch, by=eastdesk, acknowledge_by=later,
               decide_by=later + datetime.timedelta(days=30)),
        review(received=at(16, 9), branch=main_branch, by=desk, acknowledge_by=march(23), decide_by=later),
    ]


@pytest.fixture
def cards_fortnight(main_branch, east_branch):
    Kind, Status = CommentCard.Kind, CommentCard.Status
    later = timezone.localdate() + datetime.timedelta(days=30)
    rows = [
        dict(branch=main_branch, kind=Kind.SUGGESTION, received_at=at(2, 10)),
        dict(branch=main_branch, kind=Kind.COMPLIMENT, received_at=at(3, 11), status=Status.CLOSED),
        dict(branch=main_branch, kind=Kind.COMPLAINT, received_at=at(4, 12), status=Status.THANKED, wants_reply=True,
             reply_by=march(9)),
        dict(branch=main_branch, kind=Kind.COMPLIMENT, received_at=at(11, 13), wants_reply=True, reply_by=later,
             name="", contact="", comment="[removed]", deidentified_at=timezone.now()),
        dict(branch=east_branch, kind=Kind.QUESTION, received_at=at(5, 14), status=Status.REPLIED),
        dict(branch=main_branch, kind=Kind.SUGGESTION, received_at=at(16, 9)),
    ]
    return [CommentCardFactory(**row) for row in rows]


@pytest.fixture
def suggestions_fortnight(desk, eastdesk, main_branch, east_branch):
    Status = PurchaseSuggestion.Status

    def suggestion(received, branch, by, status=Status.PENDING, decided=None, **fields):
        decided_at = received + datetime.timedelta(days=decided) if decided is not None else None
        return PurchaseSuggestionFactory(received_at=received, branch=branch, taken_by=by, status=status,
                                         decided_at=decided_at, **fields)

    return [
        suggestion(at(2, 10), main_branch, desk),
        suggestion(at(3, 10), main_branch, desk, Status.ACCEPTED, 2),
        suggestion(at(4, 10), main_branch, desk, Status.ORDERED, 4),
        suggestion(at(6, 10), east_branch, eastdesk, Status.DECLINED, 1, reason="Out of print."),
        suggestion(at(9, 10), main_branch, desk, Status.DECLINED, 6, reason="[removed]", contact_name="", contact="",
                   deidentified_at=timezone.now()),
        suggestion(at(1, 20), main_branch, desk),
    ]


def ticks(*, day, point, branch=None, by, checklist, ticked: dict[str, bool], record_id: int) -> None:
    """One record's ticks: `ticked` maps an item's label (its start) to ticked or not."""
    version = PolicyVersion.objects.order_by("pk").first()
    content_type = ContentType.objects.get_for_model(Interaction if checklist == "interaction" else DeskSession)
    for start, state in ticked.items():
        item = ChecklistItem.objects.get(checklist__key=checklist, label__startswith=start)
        ChecklistTick.objects.create(
            item=item, label=item.label, version=version, ticked=state, by=by, content_type=content_type, object_id=record_id,
            branch=branch or point.branch, service_point=point, day=day,
        )


@pytest.fixture
def checklists_fortnight(desk, eastdesk, reference_desk, circulation_desk, east_desk, main_branch):
    rows = [
        (march(2), reference_desk, "interaction", {"Greeted": True, "Follow-up": True}),
        (march(2), reference_desk, "interaction", {"Greeted": True, "Follow-up": False}),
        (march(10), reference_desk, "interaction", {"Greeted": False, "Follow-up": False}),
        (march(2), east_desk, "interaction", {"Greeted": True, "Follow-up": True}),
        (march(4), circulation_desk, "desk_opening", {"Desk staffed": True, "Name tag": False}),
        (march(12), circulation_desk, "desk_opening", {"Desk staffed": True, "Name tag": True}),
        (march(6), None, "complaint", {"Listened": True}),
        (march(1), reference_desk, "interaction", {"Greeted": True}),
    ]
    for record_id, (day, point, checklist, ticked) in enumerate(rows, start=1001):  # no real interaction's id
        ticks(day=day, point=point, branch=None if point else main_branch, by=desk, checklist=checklist,
              ticked=ticked, record_id=record_id)
    # The reports read an interaction's checklist from its counts (interactions.rollup).
    rollup.rebuild()
