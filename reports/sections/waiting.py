"""The waiting list: how many patrons waited at the desks, how many were served and how many
left without being served, how soon they were acknowledged ("If you are helping others,
acknowledge patrons that are waiting ... you will be with them as soon as possible") and how
long they waited (desk.models.WaitingPatron: the wait of a served patron is ended_at −
added_at). Medians and 90th percentiles in whole minutes (reports.durations). The label the
desk calls a patron by is never read."""

from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.db.models.functions import ExtractHour

from desk.models import WaitingPatron
from reports.durations import MinutesBetween, minutes, percentile
from reports.places import point_labels
from reports.sections import Figure, ReportQuery, SectionResult, section
from reports.tables import Table, counted, percent

Status = WaitingPatron.Status
# (label, first minute, first minute of the next) of the wait-length table.
LENGTHS = [("Under 5 minutes", 0, 5), ("5 to 9 minutes", 5, 10), ("10 to 19 minutes", 10, 20),
           ("20 to 29 minutes", 20, 30), ("30 minutes or more", 30, None)]


def _counts(rows, *by, **named) -> list[dict]:
    """Waiting patrons grouped by `by` and `named` expressions, with how many of each status
    (one query). The statuses are counted rather than grouped by, and an hour is never
    grouped with a number of minutes: PostgreSQL then counts in a hash table instead of
    sorting every row, several times faster on a year of a busy system."""
    statuses = {status: Count("pk", filter=Q(status=status)) for status in Status.values}
    return list(rows.values(*by, **named).annotate(**statuses).order_by())


def _added(query: ReportQuery):
    start, end = query.filters.bounds
    return WaitingPatron.objects.filter(query.scope, added_at__gte=start, added_at__lt=end)


def _in(counted: Counter, low: int, high: int | None) -> int:
    return sum(n for value, n in counted.items() if value >= low and (high is None or value < high))


@section("waiting", "Waiting at the desk")
def waiting(query: ReportQuery) -> SectionResult:
    added = _added(query)
    waits = _counts(added, "service_point", waited=MinutesBetween("added_at", "ended_at"))
    hours = _counts(added, hour=ExtractHour("added_at"))
    acknowledgments = list(
        added.values("service_point", acknowledged=MinutesBetween("added_at", "acknowledged_at")).annotate(n=Count("pk")).order_by()
    )
    labels = point_labels(query.filters, [row["service_point"] for row in waits])
    status, by_point = Counter(), defaultdict(Counter)
    # Minutes -> how many: of everyone, and of each service point.
    waited, waited_at = Counter(), defaultdict(Counter)
    acknowledged, acknowledged_at = Counter(), defaultdict(Counter)
    for row in waits:
        point = row["service_point"]
        for counter in (status, by_point[point]):
            counter.update({key: row[key] for key in Status.values})
        if row[Status.SERVED]:
            for counter in (waited, waited_at[point]):
                counter[row["waited"]] += row[Status.SERVED]
    for row in acknowledgments:
        if row["acknowledged"] is not None:
            for counter in (acknowledged, acknowledged_at[row["service_point"]]):
                counter[row["acknowledged"]] += row["n"]
    total, left = sum(status.values()), status[Status.LEFT]

    def point_row(pk: int, label: str) -> list:
        counts, served, told = by_point[pk], waited_at[pk], acknowledged_at[pk]
        return [
            label, sum(counts.values()), counts[Status.SERVED], counts[Status.LEFT], counts[Status.WAITING],
            percentile(served, 50), percentile(served, 90), sum(told.values()), percentile(told, 50),
        ]

    def hour_row(row: dict) -> list:
        on_list = sum(row[key] for key in Status.values)
        return [f"{row['hour']:02d}:00", on_list, row[Status.SERVED], row[Status.LEFT], percent(row[Status.LEFT], on_list)]

    point_rows = [point_row(pk, label) for pk, label in labels.items()]
    hour_rows = [hour_row(row) for row in sorted(hours, key=lambda row: row["hour"])]
    length_rows = [
        [label, _in(waited, low, high), percent(_in(waited, low, high), sum(waited.values())), _in(acknowledged, low, high)]
        for label, low, high in LENGTHS
    ]
    return SectionResult(
        intro=(
            "Patrons put on a service point's waiting list in the period: how their wait ended, how soon someone "
            "told them they would be helped, and how long they waited to be served. Who they were is never read."
        ),
        figures=[
            Figure("Patrons on the waiting list", f"{total:,}"),
            Figure("Left without being served", f"{left:,}" + (f" ({percent(left, total)}%)" if total else "")),
            Figure("Median wait to be served", minutes(percentile(waited, 50))),
            Figure("90% were served within", minutes(percentile(waited, 90))),
            Figure("Median time to acknowledge", minutes(percentile(acknowledged, 50))),
            Figure("90% were acknowledged within", minutes(percentile(acknowledged, 90))),
        ],
        tables=[
            Table(
                slug="by-service-point",
                title="Waiting patrons by service point",
                summary=_point_summary(point_rows),
                columns=[
                    "Service point", "On the list", "Served", "Left without being served", "Still on the list",
                    "Median wait to be served (min)", "90th percentile wait (min)", "Acknowledged",
                    "Median time to acknowledge (min)",
                ],
                rows=point_rows,
                unit="patrons",
                notes=["“Still on the list”: nobody marked them served or gone."] if status[Status.WAITING] else [],
            ),
            Table(
                slug="by-hour",
                title="Waiting patrons by the hour they were added",
                summary=_hour_summary(hour_rows),
                columns=["Hour", "On the list", "Served", "Left without being served", "Left (%)"],
                rows=hour_rows,
                unit="patrons",
            ),
            Table(
                slug="wait-lengths",
                title="How long patrons waited",
                summary=(
                    f"Of {counted(sum(waited.values()), 'patron')} served, {length_rows[0][1]:,} waited under 5 minutes "
                    f"and {length_rows[-1][1]:,} waited 30 minutes or more."
                    if waited else "No patron on the list was served in this period."
                ),
                columns=["Wait", "Served after waiting", "Share of the served (%)", "Acknowledged after waiting"],
                rows=length_rows if total else [],
                unit="patrons",
                notes=["Whole minutes, from being put on the list to being served or acknowledged."],
            ),
        ],
    )


def _point_summary(rows: list[list]) -> str:
    if not rows:
        return "Nobody was put on a waiting list in this period."
    label, total = max(rows, key=lambda row: row[1])[:2]
    return f"{label} had the most patrons waiting: {total:,}."


def _hour_summary(rows: list[list]) -> str:
    if not rows:
        return "Nobody was put on a waiting list in this period."
    label, total = max(rows, key=lambda row: row[1])[:2]
    return f"The busiest hour began at {label}, with {counted(total, 'patron')} put on the list."
