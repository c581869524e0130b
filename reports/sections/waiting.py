"""The waiting list: how many patrons waited at the desks, how many were served and how many
left without being served, how soon they were acknowledged ("If you are helping others,
acknowledge patrons that are waiting ... you will be with them as soon as possible") and how
long they waited (desk.models.WaitingPatron: the wait of a served patron is ended_at −
added_at). Medians and 90th percentiles computed in the database (reports.percentiles), in
minutes. The label the desk calls a patron by is never read."""

import datetime

from django.db.models import Count, Q
from django.db.models.functions import ExtractHour

from desk.models import WaitingPatron
from reports.percentiles import Percentile
from reports.places import point_labels
from reports.sections import Figure, ReportQuery, SectionResult, section
from reports.tables import Table, counted, percent
from reports.timing import elapsed, in_minutes, on_the_clock

Status = WaitingPatron.Status
SERVED = Q(status=Status.SERVED)
# (label, first minute, first minute of the next) of the wait-length table.
LENGTHS = [("Under 5 minutes", 0, 5), ("5 to 9 minutes", 5, 10), ("10 to 19 minutes", 10, 20),
           ("20 to 29 minutes", 20, 30), ("30 minutes or more", 30, None)]


def _statuses() -> dict:
    """How many of each status. The statuses are counted rather than grouped by, and an hour
    is grouped alone: PostgreSQL then counts in a hash table instead of sorting every row."""
    return {status: Count("pk", filter=Q(status=status)) for status in Status.values}


def _waits() -> dict:
    """The served patrons' median and 90th percentile wait, and the acknowledged ones' median."""
    return {
        "waited_p50": Percentile("waited", 0.5, filter=SERVED),
        "waited_p90": Percentile("waited", 0.9, filter=SERVED),
        "told_n": Count("told"),
        "told_p50": Percentile("told", 0.5),
    }


def _lengths(name: str, among: Q) -> dict:
    """How many of `among` waited `name` (a wait) each length of LENGTHS."""
    def within(low, high):
        span = Q(**{f"{name}__gte": datetime.timedelta(minutes=low)})
        if high is not None:
            span &= Q(**{f"{name}__lt": datetime.timedelta(minutes=high)})
        return span

    return {f"{name}_{low}": Count("pk", filter=among & within(low, high)) for _, low, high in LENGTHS}


def _added(query: ReportQuery):
    start, end = query.filters.bounds
    return WaitingPatron.objects.filter(query.scope, added_at__gte=start, added_at__lt=end).annotate(
        waited=elapsed("ended_at", "added_at"), told=elapsed("acknowledged_at", "added_at")
    )


@section("waiting", "Waiting at the desk")
def waiting(query: ReportQuery) -> SectionResult:
    added = _added(query)
    overall = added.aggregate(
        **_waits(), told_p90=Percentile("told", 0.9), **_lengths("waited", SERVED), **_lengths("told", Q(told__isnull=False))
    )
    by_point = {row["service_point"]: row for row in added.values("service_point").annotate(**_statuses(), **_waits()).order_by()}
    hours = list(added.values(hour=ExtractHour("added_at")).annotate(**_statuses()).order_by())
    labels = point_labels(query.filters, list(by_point))
    status = {key: sum(row[key] for row in by_point.values()) for key in Status.values}
    total, left, served = sum(status.values()), status[Status.LEFT], status[Status.SERVED]

    def point_row(pk: int, label: str) -> list:
        row = by_point[pk]
        return [
            label, sum(row[key] for key in Status.values), row[Status.SERVED], row[Status.LEFT], row[Status.WAITING],
            in_minutes(row["waited_p50"]), in_minutes(row["waited_p90"]), row["told_n"], in_minutes(row["told_p50"]),
        ]

    def hour_row(row: dict) -> list:
        on_list = sum(row[key] for key in Status.values)
        return [f"{row['hour']:02d}:00", on_list, row[Status.SERVED], row[Status.LEFT], percent(row[Status.LEFT], on_list)]

    point_rows = [point_row(pk, label) for pk, label in labels.items()]
    hour_rows = [hour_row(row) for row in sorted(hours, key=lambda row: row["hour"])]
    length_rows = [
        [label, overall[f"waited_{low}"], percent(overall[f"waited_{low}"], served), overall[f"told_{low}"]]
        for label, low, _ in LENGTHS
    ]
    return SectionResult(
        intro=(
            "Patrons put on a service point's waiting list in the period: how their wait ended, how soon someone "
            "told them they would be helped, and how long they waited to be served. Who they were is never read."
        ),
        figures=[
            Figure("Patrons on the waiting list", f"{total:,}"),
            Figure("Left without being served", f"{left:,}" + (f" ({percent(left, total)}%)" if total else "")),
            Figure("Median wait to be served", on_the_clock(overall["waited_p50"])),
            Figure("90% were served within", on_the_clock(overall["waited_p90"])),
            Figure("Median time to acknowledge", on_the_clock(overall["told_p50"])),
            Figure("90% were acknowledged within", on_the_clock(overall["told_p90"])),
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
                    f"Of {counted(served, 'patron')} served, {length_rows[0][1]:,} waited under 5 minutes "
                    f"and {length_rows[-1][1]:,} waited 30 minutes or more."
                    if served else "No patron on the list was served in this period."
                ),
                columns=["Wait", "Served after waiting", "Share of the served (%)", "Acknowledged after waiting"],
                rows=length_rows if total else [],
                unit="patrons",
                notes=["From being put on the list to being served or acknowledged."],
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
