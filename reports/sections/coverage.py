"""Desk coverage: "During all hours of operation, a staff member should be at the service
desk." The minutes each service point was open (its opening hours, staff.calendar) with nobody
signed on to it, from the days kept each night by `manage.py desk_coverage`
(desk.models.DeskCoverage): by service point and weekday, for the rota. Today is not counted
until it is kept; the coverage board shows it as the day goes.

A day of coverage carries no branch of its own: the scope reaches its service point's
(reports.filters.scope_through). Shown to those who answer for the desks, as the coverage
board is (staff.access.sees_coverage_report)."""

from collections import Counter, defaultdict

from django.db.models import Count, Sum
from django.db.models.functions import ExtractIsoWeekDay

from desk.models import DeskCoverage
from desk.services.coverage import NOT_DESKS
from reports.filters import scope_through
from reports.places import point_labels
from reports.sections import Figure, ReportQuery, SectionResult, section
from reports.tables import Table, percent
from reports.timing import minutes
from staff.access import sees_coverage_report

WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
WEEKDAY_NAMES = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"]


def _kept(query: ReportQuery):
    filters = query.filters
    # Days kept for a phone line or a chat before they stopped counting are left out.
    return DeskCoverage.objects.filter(
        scope_through(query.scope, branch="service_point__branch"), day__gte=filters.start, day__lte=filters.end
    ).exclude(service_point__kind__in=NOT_DESKS)


@section("coverage", "Desk coverage", shown_to=sees_coverage_report)
def coverage(query: ReportQuery) -> SectionResult:
    rows = list(
        _kept(query)
        .values("service_point", weekday=ExtractIsoWeekDay("day"))
        .annotate(open=Sum("open_minutes"), uncovered=Sum("uncovered_minutes"))
        .order_by()
    )
    days = _kept(query).aggregate(days=Count("day", distinct=True))["days"]
    labels = point_labels(query.filters, [row["service_point"] for row in rows if row["open"]])
    uncovered = defaultdict(Counter)  # service point -> weekday (0 Monday) -> minutes
    open_at, uncovered_at = Counter(), Counter()
    open_on, uncovered_on = Counter(), Counter()
    for row in rows:
        point, weekday = row["service_point"], row["weekday"] - 1
        uncovered[point][weekday] += row["uncovered"]
        open_at[point] += row["open"]
        uncovered_at[point] += row["uncovered"]
        open_on[weekday] += row["open"]
        uncovered_on[weekday] += row["uncovered"]
    open_total, uncovered_total = sum(open_at.values()), sum(uncovered_at.values())
    weekdays = [day for day in range(7) if open_on[day]]

    grid_rows = [[label, *(uncovered[pk][day] for day in weekdays), uncovered_at[pk]] for pk, label in labels.items()]
    point_rows = [
        [label, open_at[pk], uncovered_at[pk], percent(uncovered_at[pk], open_at[pk])] for pk, label in labels.items()
    ]
    weekday_rows = [
        [WEEKDAY_NAMES[day], open_on[day], uncovered_on[day], percent(uncovered_on[day], open_on[day])] for day in weekdays
    ]
    kept_note = (
        "Past days as kept each night by the desk_coverage command; today is on the coverage board until it is kept."
    )
    return SectionResult(
        intro=(
            "Minutes a service point was open with nobody signed on to it (the policy: “During all hours of "
            "operation, a staff member should be at the service desk”), counted from the shifts staff sign on and "
            "off and each desk's opening hours."
        ),
        figures=[
            Figure("Days counted", f"{days:,}"),
            Figure("Desk time open", minutes(open_total) if open_total else "—"),
            Figure("Uncovered", minutes(uncovered_total) if open_total else "—"),
            Figure("Uncovered share of the open time", f"{percent(uncovered_total, open_total)}%" if open_total else "—"),
        ],
        tables=[
            Table(
                slug="by-weekday-and-point",
                title="Uncovered minutes by service point and weekday",
                summary=_grid_summary(uncovered, labels),
                columns=["Service point", *(WEEKDAYS[day] for day in weekdays), "Total"],
                rows=grid_rows,
                chart="heatmap" if grid_rows else "",
                chart_columns=tuple(range(1, len(weekdays) + 1)),
                unit="minutes",
                notes=[kept_note],
            ),
            Table(
                slug="by-service-point",
                title="Uncovered time by service point",
                summary=_share_summary(point_rows, "{label} was the least covered desk"),
                columns=["Service point", "Open (minutes)", "Uncovered (minutes)", "Uncovered (%)"],
                rows=point_rows,
                value_column=2,
                unit="minutes",
            ),
            Table(
                slug="by-weekday",
                title="Uncovered time by weekday",
                summary=_share_summary(weekday_rows, "{label} were the least covered"),
                columns=["Weekday", "Open (minutes)", "Uncovered (minutes)", "Uncovered (%)"],
                rows=weekday_rows,
                value_column=2,
                unit="minutes",
            ),
        ],
    )


def _grid_summary(uncovered: dict, labels: dict) -> str:
    cells = [(minutes_, pk, day) for pk in labels for day, minutes_ in uncovered[pk].items() if minutes_]
    if not labels:
        return "No day of desk coverage is kept for this period."
    if not cells:
        return "Every desk had someone on it whenever it was open."
    most, pk, day = max(cells, key=lambda cell: (cell[0], -list(labels).index(cell[1]), -cell[2]))
    return (
        f"The most uncovered time was at {labels[pk]} on {WEEKDAY_NAMES[day]}: {minutes(most)} over the period; "
        "darker cells had more."
    )


def _share_summary(rows: list[list], sentence: str) -> str:
    """`sentence` about the row with the largest uncovered share, with the whole's share."""
    if not rows:
        return "No day of desk coverage is kept for this period."
    open_total, uncovered_total = sum(row[1] for row in rows), sum(row[2] for row in rows)
    if not uncovered_total:
        return "Every desk had someone on it whenever it was open."
    worst = max(rows, key=lambda row: row[3] or 0)
    return (
        f"{percent(uncovered_total, open_total)}% of the open time was uncovered; "
        + sentence.format(label=worst[0])
        + f" ({worst[3]}% uncovered)."
    )
