"""Checklist follow-through: of the records where an item was shown, the share where it was
ticked, by week, per service point and branch. Teams, never people: nothing here is counted
by who ticked (roles.md: reports are "aggregates, no identities").

One GROUP BY over the tick table (which carries each record's branch, service point and
day) answers the whole page, whatever the volume."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from policy.models import Checklist, ChecklistItem, ChecklistTick
from staff.models import Branch, ServicePoint

DEFAULT_WEEKS = 8
WEEK_CHOICES = (4, 8, 13, 26)


@dataclass
class Share:
    ticked: int = 0
    shown: int = 0

    def add(self, ticked: int, shown: int) -> None:
        self.ticked += ticked
        self.shown += shown

    @property
    def percent(self) -> int | None:
        return round(100 * self.ticked / self.shown) if self.shown else None


@dataclass
class ItemRow:
    item: ChecklistItem
    weeks: list[Share]
    total: Share = field(default_factory=Share)


@dataclass
class ChecklistSection:
    checklist: Checklist
    rows: list[ItemRow]


@dataclass
class TeamRow:
    """A branch (service_point None) or one of its service points, with a share per checklist."""

    branch: Branch
    service_point: ServicePoint | None
    shares: list[Share]


@dataclass
class Report:
    weeks: list[datetime.date]
    sections: list[ChecklistSection]
    teams: list[TeamRow]


def week_starts(weeks: int, today: datetime.date | None = None) -> list[datetime.date]:
    """The Mondays of the last `weeks` weeks, this one included, oldest first."""
    today = today or timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    return [monday - datetime.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def follow_through(
    *,
    branches: list[Branch],
    points: list[ServicePoint],
    weeks: int = DEFAULT_WEEKS,
    branch: Branch | None = None,
    service_point: ServicePoint | None = None,
) -> Report:
    """The report over `branches` (the viewer's scope, in the order shown) and their service
    points; the item tables for one branch or one service point when given, else for the
    whole scope."""
    starts = week_starts(weeks)
    column = {start: index for index, start in enumerate(starts)}
    counts = (
        ChecklistTick.objects.filter(day__gte=starts[0], branch__in=[b.pk for b in branches])
        .values("item", "branch", "service_point", week=TruncWeek("day"))
        .annotate(shown=Count("pk"), ticked=Count("pk", filter=Q(ticked=True)))
        .order_by()
    )
    checklists = list(Checklist.objects.prefetch_related("items").order_by("position", "title"))
    items = {item.pk: item for checklist in checklists for item in checklist.items.all()}
    rows = {pk: ItemRow(item, [Share() for _ in starts]) for pk, item in items.items()}
    team_keys = [(b.pk, None) for b in branches] + [(p.branch_id, p.pk) for p in points]
    teams = {key: [Share() for _ in checklists] for key in team_keys}
    position = {checklist.pk: index for index, checklist in enumerate(checklists)}
    seen = set()
    for count in counts:
        week = column.get(count["week"])
        item = items.get(count["item"])
        if week is None or item is None:
            continue
        shares = (count["ticked"], count["shown"])
        index = position[item.checklist_id]
        teams[count["branch"], None][index].add(*shares)
        at_point = teams.get((count["branch"], count["service_point"])) if count["service_point"] else None
        if at_point:
            at_point[index].add(*shares)
        if (service_point is None or count["service_point"] == service_point.pk) and (
            branch is None or count["branch"] == branch.pk
        ):
            rows[item.pk].weeks[week].add(*shares)
            rows[item.pk].total.add(*shares)
            seen.add(item.pk)
    sections = [
        ChecklistSection(
            checklist,
            [rows[item.pk] for item in checklist.items.all() if item.active or item.pk in seen],
        )
        for checklist in checklists
    ]
    team_rows = []
    for home in branches:
        team_rows.append(TeamRow(home, None, teams[home.pk, None]))
        team_rows += [TeamRow(home, point, teams[home.pk, point.pk]) for point in points if point.branch_id == home.pk]
    return Report(weeks=starts, sections=sections, teams=team_rows)
