"""A day hand-counted for the landing page (/today/): Wednesday 4 March 2026 at 14:00 (UTC, the
tests' time zone). Main has its reference and circulation desks, Eastside one desk.

Interactions (voided ones left out, the usual from the 8 Wednesdays before: 7 Jan to 25 Feb):
| when                 | where             |                                                    |
| Wed 4 Mar 09:00      | Main reference    | today                                              |
| Wed 4 Mar 10:30      | Main reference    | today                                              |
| Wed 4 Mar 11:00      | Main reference    | today, voided: not counted                         |
| Wed 4 Mar 13:59      | Main reference    | today                                              |
| Wed 4 Mar 12:00      | Main circulation  | today                                              |
| Wed 4 Mar 10:00      | Eastside          | today                                              |
| Wed 4 Mar 11:00      | Eastside          | today                                              |
| Wed 25 Feb 10:00     | Main reference    | by 14:00                                           |
| Wed 25 Feb 15:00     | Main reference    | after 14:00: the whole day only                    |
| Wed 25 Feb 13:00     | Main circulation  | by 14:00                                           |
| Wed 18 Feb 09:30     | Main reference    | by 14:00                                           |
| Wed 11 Feb 16:00     | Main circulation  | after 14:00                                        |
| Wed 25 Feb 10:00     | Eastside          | by 14:00                                           |
| Thu 26 Feb 10:00     | Main reference    | not a Wednesday: not counted                       |
| Wed 31 Dec 10:00     | Main reference    | nine weeks before: not counted                     |
| Tue 3 Mar 23:59      | Main reference    | yesterday: not counted                             |

Main logged on 3 of the 8 Wednesdays (25 Feb, 18 Feb, 11 Feb), Eastside on 1 (25 Feb).
Main reference: today 3, usual by 14:00 2/3, all day 3/3. Main circulation: today 1, 1/3, 2/3.
Main: today 4, usual by 14:00 1, all day 5/3. Eastside desk: today 2, usual 1 and 1.

Now: Main open 9 to 17 on Wednesdays, `desk` signed on at its reference desk since 13:00, so
its circulation desk is open with nobody on it; Eastside keeps no hours (closed). Waiting: two
at Main's circulation desk (and one served, gone), one at Eastside's desk.

Complaints: Main has a new one past its acknowledgment date (overdue), one in progress, one
escalated (received 20 Feb) and one resolved; Eastside a new one taken by Main's supervisor
(theirs to see, not Main's to count) and one escalated (received 25 Feb).
Main: 3 open, 1 overdue, 1 escalated. Eastside: 2 open, 0 overdue, 1 escalated.

Comment cards: Main a new one whose reply was due 1 March (overdue), a thanked one, a replied
one (not open); Eastside a new one typed in by Main's supervisor. Main 2 open, 1 overdue; Eastside 1.

Callbacks: Main one due at 13:00 (overdue), one at 15:00, one done that was due at 12:00;
Eastside one due at 10:00. Referrals: Main one to be reminded of at 13:00 (waiting too long),
one at 16:00, one answered; Eastside one at 12:00. Main 1 and 1, Eastside 1 and 1.

Patrons, callers and complainants have names and contacts here, none of which the page shows.
"""

import datetime

import pytest
from django.utils import timezone

from desk.models import Callback, Referral, WaitingPatron
from desk.tests.factories_callbacks import CallbackFactory
from desk.tests.factories_coverage import ShiftFactory
from desk.tests.factories_referrals import ExpertFactory, ReferralFactory
from desk.tests.factories_waiting import WaitingPatronFactory
from feedback.models import CommentCard, Complaint
from feedback.tests.factories import CommentCardFactory, ComplaintFactory
from interactions.tests.factories import InteractionFactory
from staff.models import OpeningHours

NOW = datetime.datetime(2026, 3, 4, 14, 0, tzinfo=datetime.UTC)
TODAY = NOW.date()
NAMES = ["Harold Benn", "Ruth Bergström", "Ignatius Quarrel", "Waiting Wanda"]


def at(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=datetime.UTC)


@pytest.fixture
def clock(monkeypatch):
    """The page's "now": NOW."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


def _interactions(desk, eastdesk, reference, circulation, east):
    rows = [
        (at(3, 4, 9), reference), (at(3, 4, 10, 30), reference), (at(3, 4, 13, 59), reference),
        (at(3, 4, 12), circulation), (at(3, 4, 10), east), (at(3, 4, 11), east),
        (at(2, 25, 10), reference), (at(2, 25, 15), reference), (at(2, 25, 13), circulation),
        (at(2, 18, 9, 30), reference), (at(2, 11, 16), circulation), (at(2, 25, 10), east),
        (at(2, 26, 10), reference), (at(12, 31, 10, year=2025), reference), (at(3, 3, 23, 59), reference),
    ]
    for when, point in rows:
        InteractionFactory(occurred_at=when, service_point=point, staff=eastdesk if point == east else desk)
    InteractionFactory(
        occurred_at=at(3, 4, 11), service_point=reference, staff=desk, voided_at=NOW, voided_by=desk, void_reason="Logged twice"
    )


def _complaints(desk, supervisor, reference, east):
    def complaint(point, status, received, **fields):
        ComplaintFactory(**{
            "service_point": point, "taken_by": desk, "status": status, "received_at": received, "contact_name": NAMES[2],
            "acknowledge_by": TODAY + datetime.timedelta(days=2), "resolve_by": TODAY + datetime.timedelta(days=10), **fields,
        })

    Status = Complaint.Status
    complaint(reference, Status.NEW, at(2, 26, 10), acknowledge_by=datetime.date(2026, 3, 2))
    complaint(reference, Status.IN_PROGRESS, at(3, 2, 10))
    complaint(reference, Status.ESCALATED, at(2, 20, 10), resolve_by=datetime.date(2026, 3, 1))
    complaint(reference, Status.RESOLVED, at(2, 10, 10), resolve_by=datetime.date(2026, 2, 20))
    complaint(east, Status.NEW, at(3, 3, 10), taken_by=supervisor)
    complaint(east, Status.ESCALATED, at(2, 25, 10))


def _cards(main_branch, east_branch, supervisor):
    Status = CommentCard.Status
    CommentCardFactory(branch=main_branch, status=Status.NEW, reply_by=datetime.date(2026, 3, 1), wants_reply=True, name=NAMES[2])
    CommentCardFactory(branch=main_branch, status=Status.THANKED)
    CommentCardFactory(branch=main_branch, status=Status.REPLIED, reply_by=datetime.date(2026, 2, 1))
    CommentCardFactory(branch=east_branch, status=Status.NEW, typed_in_by=supervisor, source="paper")


def _callbacks(desk, eastdesk, reference, east):
    CallbackFactory(service_point=reference, created_by=desk, due_at=at(3, 4, 13), caller_name=NAMES[0])
    CallbackFactory(service_point=reference, created_by=desk, due_at=at(3, 4, 15))
    CallbackFactory(service_point=reference, created_by=desk, due_at=at(3, 4, 12), status=Callback.Status.DONE, finished_at=at(3, 4, 12))
    CallbackFactory(service_point=east, created_by=eastdesk, due_at=at(3, 4, 10))


def _referrals(desk, desk2, eastdesk, reference, east):
    to_desk2 = ExpertFactory(user=desk2)
    ReferralFactory(service_point=reference, referred_by=desk, referred_to=to_desk2, remind_at=at(3, 4, 13), patron_name=NAMES[1])
    ReferralFactory(service_point=reference, referred_by=desk, referred_to=to_desk2, remind_at=at(3, 4, 16))
    ReferralFactory(
        service_point=reference, referred_by=desk, referred_to=to_desk2, remind_at=at(3, 4, 10),
        status=Referral.Status.ANSWERED, answered_at=at(3, 4, 11),
    )
    ReferralFactory(service_point=east, referred_by=eastdesk, referred_to=ExpertFactory(user=eastdesk), remind_at=at(3, 4, 12))


def _now(main_branch, desk, desk2, reference, circulation, east):
    OpeningHours.objects.create(branch=main_branch, weekday=2, opens=datetime.time(9), closes=datetime.time(17))
    ShiftFactory(user=desk, service_point=reference, started_at=at(3, 4, 13))
    WaitingPatronFactory(service_point=circulation, added_by=desk, label=NAMES[3])
    WaitingPatronFactory(service_point=circulation, added_by=desk)
    WaitingPatronFactory(
        service_point=circulation, added_by=desk, status=WaitingPatron.Status.SERVED, ended_at=at(3, 4, 12), ended_by=desk2
    )
    WaitingPatronFactory(service_point=east, added_by=desk)


@pytest.fixture
def day(clock, main_branch, east_branch, desk, desk2, eastdesk, supervisor, reference_desk, circulation_desk, east_desk):
    _interactions(desk, eastdesk, reference_desk, circulation_desk, east_desk)
    _complaints(desk, supervisor, reference_desk, east_desk)
    _cards(main_branch, east_branch, supervisor)
    _callbacks(desk, eastdesk, reference_desk, east_desk)
    _referrals(desk, desk2, eastdesk, reference_desk, east_desk)
    _now(main_branch, desk, desk2, reference_desk, circulation_desk, east_desk)
    return NOW
