"""A branch's day: the landing page of supervisors and the Director (/today/). What waits on
those who answer for a branch (open and overdue complaints, comment cards to triage, overdue
callbacks, referrals waiting too long, desks open with nobody on them, patrons waiting) and how
busy its desks are today against the usual for the weekday.

Counts only, never a patron. Each count starts from its record's scope in staff.access and is
narrowed to the branches of the day (staff.access.branch_day_scope), so a supervisor never
counts another branch's records, not even the complaints they took there. A constant number of
queries whatever the number of branches, desks and records."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.contrib.auth.models import User
from django.db.models import Count, Min, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from desk.models import Callback, Referral, WaitingPatron
from desk.selectors.callbacks import overdue as callback_overdue
from desk.selectors.coverage import CLOSED, UNCOVERED, desks_now
from feedback.models import CommentCard, Complaint
from feedback.services import card_rules, complaint_rules
from interactions.models import Interaction
from servicedesk.lib.dates import day_bounds
from staff import access
from staff.models import Branch, ServicePoint

# The usual for a weekday: the same weekday of each of this many weeks before today.
USUAL_WEEKS = 8


@dataclass
class Desk:
    """One service point's day so far at a branch. `state` is desks_now's (closed, covered,
    uncovered); empty for a point no longer in use, or moved to another branch, that still
    counted here today or in the usual's weeks."""

    point: ServicePoint
    today: int = 0
    usual_by_now: float | None = None
    usual_day: float | None = None
    waiting: int = 0
    state: str = ""

    @property
    def uncovered(self) -> bool:
        return self.state == UNCOVERED


@dataclass
class BranchDay:
    """One branch's day. `usual_days`: how many of the USUAL_WEEKS same weekdays before today
    the branch logged anything on (a holiday, or a day before the library used the desk log,
    would make the usual look quiet); the usual is their average, None without any."""

    branch: Branch
    desks: list[Desk] = field(default_factory=list)
    usual_days: int = 0
    complaints_open: int = 0
    complaints_overdue: int = 0
    escalated: int = 0
    escalated_since: datetime.datetime | None = None
    cards_open: int = 0
    cards_overdue: int = 0
    callbacks_overdue: int = 0
    referrals_late: int = 0

    @property
    def today(self) -> int:
        return sum(desk.today for desk in self.desks)

    @property
    def usual_by_now(self) -> float | None:
        return sum(desk.usual_by_now for desk in self.desks) if self.usual_days else None

    @property
    def usual_day(self) -> float | None:
        return sum(desk.usual_day for desk in self.desks) if self.usual_days else None

    @property
    def waiting(self) -> int:
        return sum(desk.waiting for desk in self.desks)

    @property
    def waiting_at(self) -> list[Desk]:
        return [desk for desk in self.desks if desk.waiting]

    @property
    def uncovered(self) -> list[Desk]:
        return [desk for desk in self.desks if desk.uncovered]

    @property
    def open_desks(self) -> int:
        return sum(1 for desk in self.desks if desk.state and desk.state != CLOSED)


@dataclass
class Day:
    """The branches of the viewer's day, at `now`, with the weekday the usual is taken from."""

    now: datetime.datetime
    branches: list[BranchDay]
    usual_weeks: int = USUAL_WEEKS

    @property
    def escalated(self) -> int:
        return sum(day.escalated for day in self.branches)

    @property
    def escalated_since(self) -> datetime.datetime | None:
        return min((day.escalated_since for day in self.branches if day.escalated_since), default=None)


def day_branches(viewer: User) -> list[Branch]:
    """The branches whose day the viewer sees, by name."""
    return list(Branch.objects.filter(access.branch_day_scope(viewer)).order_by("name"))


def branch_day(*, viewer: User, branches: list[Branch], now: datetime.datetime | None = None) -> Day:
    """The day of `branches` (some of day_branches(viewer)) so far, at `now`."""
    now = now or timezone.now()
    branches = [branch for branch in branches if access.may_see_branch_day(viewer, branch.pk)]
    days = {branch.pk: BranchDay(branch=branch) for branch in branches}
    if not days:
        return Day(now=now, branches=[])
    ids = list(days)
    counted, usual_days = _desk_counts(viewer, ids, now)
    waiting = {
        (branch, point): n
        for branch, point, n in WaitingPatron.objects.filter(
            access.waiting_scope(viewer), branch__in=ids, status=WaitingPatron.Status.WAITING
        ).values("branch_id", "service_point_id").annotate(n=Count("pk")).values_list("branch_id", "service_point_id", "n")
    }
    # A record keeps the branch it happened at when its service point moves (roles.md): the
    # desks are the branches' points in use, and any point that counted at the branch.
    found = set(counted) | set(waiting)
    points = {
        point.pk: point
        for point in ServicePoint.objects.filter(Q(branch__in=ids, is_active=True) | Q(pk__in={point for _, point in found}))
    }
    in_use = [point for point in points.values() if point.is_active and point.branch_id in days]
    keys = {(point.branch_id, point.pk) for point in in_use} | found
    states = desks_now(viewer=viewer, points=in_use, now=now)
    for pk, day in days.items():
        day.usual_days = usual_days[pk]
    for branch_id, point_id in sorted(keys, key=lambda key: (points[key[1]].name, key[1])):
        day, point = days[branch_id], points[point_id]
        today, by_now, whole = counted.get((branch_id, point_id), (0, 0, 0))
        usual = day.usual_days
        day.desks.append(Desk(
            point=point,
            today=today,
            usual_by_now=by_now / usual if usual else None,
            usual_day=whole / usual if usual else None,
            waiting=waiting.get((branch_id, point_id), 0),
            state=states.get(point_id, "") if point.branch_id == branch_id else "",
        ))
    _count_queues(viewer, days, now)
    return Day(now=now, branches=list(days.values()))


def _desk_counts(viewer: User, ids: list[int], now: datetime.datetime) -> tuple[dict, dict]:
    """Interactions at each service point (voided ones left out): today's so far, and over the
    same weekday of the USUAL_WEEKS weeks before, up to the same time of day and all day; and
    on how many of those days each branch logged anything. One query: a row per service point
    and day."""
    today = timezone.localdate(now)
    clock = timezone.localtime(now).time()
    zone = timezone.get_current_timezone()
    past = [today - datetime.timedelta(weeks=weeks) for weeks in range(1, USUAL_WEEKS + 1)]
    whole_days = [Q(occurred_at__gte=start, occurred_at__lt=end) for start, end in map(day_bounds, [today, *past])]
    by_now = reduce(or_, [
        Q(occurred_at__gte=day_bounds(day)[0], occurred_at__lt=datetime.datetime.combine(day, clock, tzinfo=zone))
        for day in past
    ])
    rows = (
        Interaction.objects.counted()
        .filter(access.report_scope(viewer), branch__in=ids)
        .filter(reduce(or_, whole_days))
        .annotate(day=TruncDate("occurred_at"))
        .values("branch_id", "service_point_id", "day")
        .annotate(n=Count("pk"), by_now=Count("pk", filter=by_now))
        .order_by()
    )
    counted = defaultdict(lambda: [0, 0, 0])
    logged = defaultdict(set)
    for row in rows:
        counts = counted[row["branch_id"], row["service_point_id"]]
        if row["day"] == today:
            counts[0] += row["n"]
        else:
            counts[1] += row["by_now"]
            counts[2] += row["n"]
            logged[row["branch_id"]].add(row["day"])
    return {pk: tuple(counts) for pk, counts in counted.items()}, {pk: len(logged[pk]) for pk in ids}


def _count_queues(viewer: User, days: dict[int, BranchDay], now: datetime.datetime) -> None:
    """Complaints, comment cards, callbacks and referrals still to be dealt with, by branch:
    one query each."""
    ids = list(days)
    today = timezone.localdate(now)
    escalated = Q(status=Complaint.Status.ESCALATED)
    complaints = (
        Complaint.objects.filter(access.complaint_scope(viewer), branch__in=ids, status__in=Complaint.OPEN)
        .values("branch_id")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=complaint_rules.overdue(today)),
            escalated=Count("pk", filter=escalated),
            escalated_since=Min("received_at", filter=escalated),
        )
        .order_by()
    )
    for row in complaints:
        day = days[row["branch_id"]]
        day.complaints_open, day.complaints_overdue = row["open"], row["overdue"]
        if access.awaits_escalations(viewer):
            day.escalated, day.escalated_since = row["escalated"], row["escalated_since"]
    cards = (
        CommentCard.objects.filter(access.card_scope(viewer), branch__in=ids, status__in=CommentCard.OPEN)
        .values("branch_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=card_rules.overdue(today)))
        .order_by()
    )
    for row in cards:
        days[row["branch_id"]].cards_open, days[row["branch_id"]].cards_overdue = row["open"], row["overdue"]
    callbacks = (
        Callback.objects.filter(access.callback_scope(viewer), callback_overdue(now), branch__in=ids)
        .values("branch_id").annotate(n=Count("pk")).order_by()
    )
    for row in callbacks:
        days[row["branch_id"]].callbacks_overdue = row["n"]
    referrals = (
        Referral.objects.filter(
            access.referral_scope(viewer), access.referral_reminder_scope(viewer),
            branch__in=ids, status=Referral.Status.OPEN, remind_at__lte=now,
        )
        .values("branch_id").annotate(n=Count("pk")).order_by()
    )
    for row in referrals:
        days[row["branch_id"]].referrals_late = row["n"]
