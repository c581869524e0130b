"""Checklist follow-through, week by week: of the checklist items asked on the period's records
(an interaction, a phone call, a desk opened or closed, a new borrower welcomed, a complaint
handled), the share ticked, for each checklist; and each item over the whole period, so a
principle the desk tends to skip stands out.

Interactions' checklists are read from their counts (interactions.TickCount: counted
interactions only, none voided), every other record's from the tick table, which carries its
branch, service point and day (policy.models.ChecklistTick): by item and week, in the
database. A year of 1,000,000 interactions' 1,700,000 ticks took 600 ms read raw; their counts
by week are a few hundred rows (by day they were 1,900, and fetching and folding them here cost
a fifth more). Teams, never people: nothing is counted by who ticked. The policy's own follow-through page (policy/follow_through.py) shows the last
weeks by team; this is the same count over the report's period and scope."""

import datetime
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncWeek

from interactions.models import Interaction, TickCount
from policy.models import ChecklistItem, ChecklistTick
from reports.sections import Figure, ReportQuery, SectionResult, section
from reports.tables import Table, percent
from reports.timing import in_percent
from staff.access import sees_feedback_reports


@section("checklists", "Checklist follow-through", shown_to=sees_feedback_reports)
def checklists(query: ReportQuery) -> SectionResult:
    filters = query.filters
    days = Q(day__gte=filters.start, day__lte=filters.end)
    interaction = ContentType.objects.get_for_model(Interaction)
    counts = [
        *TickCount.objects.filter(query.scope, days)
        .values("item", week=TruncWeek("day"))
        .annotate(shown=Sum("asked"), ticked=Sum("ticks"))
        .order_by(),
        # Every other record's: "not an interaction" as two ranges, which the tick table's
        # (content type, day) index answers without reading the interactions' ticks.
        *ChecklistTick.objects.filter(query.scope, days, Q(content_type__lt=interaction) | Q(content_type__gt=interaction))
        .values("item", week=TruncWeek("day"))
        .annotate(shown=Count("pk"), ticked=Count("pk", filter=Q(ticked=True)))
        .order_by(),
    ]
    items = ChecklistItem.objects.select_related("checklist").in_bulk({row["item"] for row in counts})
    # Tallied by primary keys: a year is hundreds of rows, and hashing a model instance is slow.
    checklist_of = {pk: item.checklist_id for pk, item in items.items()}
    per_item, per_checklist, per_week = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
    for row in counts:
        checklist = checklist_of[row["item"]]
        for tally in (per_item[row["item"]], per_checklist[checklist], per_week[row["week"], checklist]):
            tally[0] += row["shown"]
            tally[1] += row["ticked"]
    checklist_by_pk = {item.checklist_id: item.checklist for item in items.values()}
    lists = sorted(per_checklist, key=lambda pk: (checklist_by_pk[pk].position, checklist_by_pk[pk].title))
    shown, ticked = sum(tally[0] for tally in per_checklist.values()), sum(tally[1] for tally in per_checklist.values())

    first = filters.start - datetime.timedelta(days=filters.start.weekday())
    mondays = [first + datetime.timedelta(weeks=n) for n in range((filters.end - first).days // 7 + 1)]
    week_rows = [
        [monday.isoformat(), *(share(per_week[monday, pk]) for pk in lists)]
        for monday in mondays
    ]
    checklist_rows = [
        [checklist_by_pk[pk].title, *per_checklist[pk], share(per_checklist[pk])]
        for pk in lists
    ]
    order = sorted(per_item, key=lambda pk: (items[pk].checklist.position, items[pk].checklist.title, items[pk].position, pk))
    item_rows = [
        [f"{items[pk].label} ({items[pk].checklist.title})", *per_item[pk], share(per_item[pk])]
        for pk in order
    ]
    partial = filters.start.weekday() != 0 or filters.end.weekday() != 6
    return SectionResult(
        intro=(
            "Of the checklist items asked on the period's records, the share staff ticked: each checklist is "
            "asked where its work happens (the desk form, opening and closing a desk, welcoming a new borrower, "
            "handling a complaint). Counted by team, never by the person who ticked."
        ),
        figures=[
            Figure("Checklist items ticked", in_percent(ticked, shown)),
            *(Figure(row[0], in_percent(row[2], row[1])) for row in checklist_rows),
        ],
        tables=[
            Table(
                slug="weekly",
                title="Checklist items ticked, week by week (%)",
                summary=_weekly_summary(checklist_rows, ticked, shown),
                columns=["Week of (Monday)", *(checklist_by_pk[pk].title for pk in lists)],
                rows=week_rows if lists else [],
                chart="line" if lists else "",
                chart_columns=tuple(range(1, len(lists) + 1)),
                unit="%",
                notes=(["The first and last weeks count only the days inside the period."] if partial else [])
                + ["A week without a line had nothing to tick on that checklist."],
            ),
            Table(
                slug="by-checklist",
                title="Items ticked, by checklist",
                summary=_weekly_summary(checklist_rows, ticked, shown),
                columns=["Checklist", "Items asked", "Ticked", "Ticked (%)"],
                rows=checklist_rows,
                value_column=3,
                unit="%",
            ),
            Table(
                slug="by-item",
                title="Each item, over the period",
                summary=_item_summary(item_rows),
                columns=["Item (checklist)", "Asked", "Ticked", "Ticked (%)"],
                rows=item_rows,
                value_column=3,
                unit="%",
            ),
        ],
    )


def share(tally: list[int]) -> float | None:
    """Of a tally of [asked, ticked], the share ticked (%)."""
    return percent(tally[1], tally[0])


def _weekly_summary(rows: list[list], ticked: int, shown: int) -> str:
    if not shown:
        return "No checklist was asked in this period."
    lowest = min(rows, key=lambda row: row[3])
    return (
        f"{in_percent(ticked, shown)} of the {shown:,} checklist items asked were ticked; the least followed "
        f"checklist was {lowest[0]} ({lowest[3]}%)."
    )


def _item_summary(rows: list[list]) -> str:
    if not rows:
        return "No checklist was asked in this period."
    lowest = min(rows, key=lambda row: row[3])
    return f"The item least often ticked was “{lowest[0]}”: {lowest[3]}% of the {lowest[1]:,} times it was asked."
