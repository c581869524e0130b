"""Complaints: how many came in, how quickly they were acknowledged and resolved or escalated
against the deadlines the library sets, what is still open or overdue today, and where they
came from: by service point, by branch, by the policy they concern.

Every number counts the complaints received in the period, de-identified ones included (they
keep their status, deadlines and timeline). "Overdue" is the complaint queue's own rule
(feedback.services.complaint_rules), as of today. The waits are measured to when the timeline
first took each step, which the complaint keeps (complaint_rules.FIRST_STEPS): a reopened
complaint is measured to its first resolution, and no step is read. Only the statistical part
is read."""

from collections import defaultdict

from django.db.models import Count, F, Q
from django.utils import timezone

from feedback.models import Complaint
from feedback.services.complaint_rules import AWAITING_ACKNOWLEDGMENT, overdue
from reports.sections import Figure, ReportQuery, SectionResult, section
from reports.tables import Table, percent
from reports.timing import buckets, days, elapsed, in_percent, in_words, measured, medians_among, spreads
from staff.access import sees_feedback_reports
from staff.models import Branch, ServicePoint

NO_POINT = "No service point (e-mail, letter)"
NO_POLICY = "No policy named"
# The tallies every breakdown shows.
TALLY_NAMES = ("received", "escalated", "open", "overdue")
# What is counted once, by branch, service point, policy and week or month, and added up in
# every other way here: the tallies, the deadlines met and due, and how many waits were measured.
COUNT_NAMES = (*TALLY_NAMES, "acknowledge_met", "acknowledge_due", "settle_met", "settle_due",
               "acknowledge_n", "settle_n", "decide_n")


def tallies(today) -> dict:
    return {
        "received": Count("pk"),
        "escalated": Count("pk", filter=Q(escalated_at__isnull=False)),
        "open": Count("pk", filter=Q(status__in=Complaint.OPEN)),
        "overdue": Count("pk", filter=overdue(today)),
    }


def percentiles(groups: list[tuple[int, int | None]]) -> dict:
    """Every wait's median and 90th percentile, and each service point's and each branch's
    median waits, in one aggregate: each group's percentile is filtered to its rows, so the
    complaints are read once, not once for the whole and again for each breakdown."""
    aggregates = spreads(**MEASURES)
    for branch in {branch for branch, _ in groups}:
        aggregates |= medians_among(f"branch_{branch}", Q(branch=branch), **BREAKDOWN_MEASURES)
    for branch, point in groups:
        aggregates |= medians_among(f"point_{branch}_{point}", Q(branch=branch, service_point=point), **BREAKDOWN_MEASURES)
    return aggregates


def medians_of(prefix: str, aggregated: dict) -> dict:
    """The median waits of one breakdown row, from what percentiles() aggregated."""
    return {f"{name}_p50": aggregated[f"{prefix}_{name}_p50"] for name in BREAKDOWN_MEASURES}


def deadlines(today) -> dict:
    """Met and due, for each deadline: due once done or once its day has passed undone."""
    return {
        "acknowledge_met": Count("pk", filter=Q(acknowledged_at__date__lte=F("acknowledge_by"))),
        "acknowledge_due": Count(
            "pk",
            filter=Q(acknowledged_at__isnull=False)
            | Q(acknowledged_at__isnull=True, status__in=AWAITING_ACKNOWLEDGMENT, acknowledge_by__lt=today),
        ),
        "settle_met": Count("pk", filter=Q(settled_at__date__lte=F("resolve_by"))),
        "settle_due": Count("pk", filter=Q(settled_at__isnull=False) | Q(settled_at__isnull=True, resolve_by__lt=today)),
    }


MEASURES = {
    "acknowledge": elapsed("acknowledged_at"),
    "settle": elapsed("settled_at"),
    "decide": elapsed("decided_at", "escalated_at"),
}
# The waits whose medians each service point and branch shows.
BREAKDOWN_MEASURES = {name: MEASURES[name] for name in ("acknowledge", "settle")}


def policy_of(reference: str) -> tuple[str, str]:
    """How a complaint names the policy it concerns, as staff chose or typed it (a policy, or
    one of its sections): the key it is counted under (case and spaces aside) and its label.
    A section ("Policy: section", as the take form lists them) is labelled section first, so
    that a long label is cut at the policy's name, which the sections share."""
    reference = " ".join(reference.split())
    if not reference:
        return "", NO_POLICY
    policy, _, part = reference.partition(": ")
    return reference.casefold(), f"{part} ({policy})" if part else reference


@section("complaints", "Complaints", shown_to=sees_feedback_reports)
def complaints(query: ReportQuery) -> SectionResult:
    today = timezone.localdate()
    start, end = query.filters.bounds
    received = Complaint.objects.filter(query.scope, received_at__gte=start, received_at__lt=end)
    periods = buckets(query.filters.start, query.filters.end)
    counted = received.values("branch", "service_point", "policy_reference", bucket=periods.trunc("received_at"))
    # One grouped count of everything, added up here for the whole, by service point, by policy
    # and by week or month; then the waits' percentiles, in one more query.
    overall, by_point = dict.fromkeys(COUNT_NAMES, 0), defaultdict(lambda: dict.fromkeys(TALLY_NAMES, 0))
    by_policy, by_bucket = defaultdict(lambda: dict.fromkeys(TALLY_NAMES, 0)), defaultdict(lambda: dict.fromkeys(TALLY_NAMES, 0))
    for row in counted.annotate(**tallies(today), **deadlines(today), **measured(**MEASURES)).order_by():
        for name in COUNT_NAMES:
            overall[name] += row[name]
        for tally in (by_point[row["branch"], row["service_point"]], by_policy[row["policy_reference"]], by_bucket[row["bucket"]]):
            for name in TALLY_NAMES:
                tally[name] += row[name]
    overall |= received.aggregate(**percentiles(list(by_point)))
    by_point = [
        {"branch": branch, "service_point": point, **tally, **medians_of(f"point_{branch}_{point}", overall)}
        for (branch, point), tally in by_point.items()
    ]
    branches = Branch.objects.in_bulk({row["branch"] for row in by_point})
    tables = [
        times_table(overall),
        Table(
            slug="received",
            title="Complaints received, and escalated to the Director",
            summary=_trend_summary(overall, periods),
            columns=[periods.heading, "Received", "Escalated to the Director"],
            rows=[
                [periods.label(bucket), by_bucket[bucket]["received"], by_bucket[bucket]["escalated"]]
                for bucket in periods.starts
            ],
            chart="line",
            chart_columns=(1, 2),
            unit="complaints",
            notes=periods.partial_note(query.filters.start, query.filters.end),
        ),
        point_table(by_point, branches),
    ]
    if query.filters.branch is None and query.filters.point is None:
        branch_medians = {branch: medians_of(f"branch_{branch}", overall) for branch in branches}
        tables.append(branch_table(by_point, branch_medians, branches))
    tables.append(policy_table([{"policy_reference": key, **row} for key, row in by_policy.items()], overall["received"]))
    return SectionResult(
        intro=(
            "The complaints received in the period, wherever they now stand: those de-identified after the "
            "retention period still count. Still open and overdue are as of today, by the deadlines the "
            "complaint queue uses; waits are calendar days from receipt, while the deadlines count business days."
        ),
        figures=[
            Figure("Complaints received", f"{overall['received']:,}"),
            Figure("Acknowledged within the deadline", in_percent(overall["acknowledge_met"], overall["acknowledge_due"])),
            Figure("Median wait for the acknowledgment", in_words(overall["acknowledge_p50"])),
            Figure("Median wait for the resolution or escalation", in_words(overall["settle_p50"])),
            Figure("Escalated to the Director", f"{overall['escalated']:,}"),
            Figure("Still open", f"{overall['open']:,}"),
            Figure("Overdue today", f"{overall['overdue']:,}"),
        ],
        tables=tables,
    )


def times_table(overall: dict) -> Table:
    rows = [
        ["Receipt to acknowledgment", days(overall["acknowledge_p50"]), days(overall["acknowledge_p90"]),
         overall["acknowledge_n"], percent(overall["acknowledge_met"], overall["acknowledge_due"])],
        ["Receipt to resolution or escalation", days(overall["settle_p50"]), days(overall["settle_p90"]),
         overall["settle_n"], percent(overall["settle_met"], overall["settle_due"])],
        ["Escalation to the Director's decision", days(overall["decide_p50"]), days(overall["decide_p90"]),
         overall["decide_n"], None],
    ]
    if overall["acknowledge_n"]:
        summary = (
            f"Half the complaints were acknowledged within {in_words(overall['acknowledge_p50'])}, and nine in ten "
            f"within {in_words(overall['acknowledge_p90'])}; "
            f"{in_percent(overall['acknowledge_met'], overall['acknowledge_due'])} "
            "of those due were acknowledged by the deadline."
        )
    else:
        summary = "No complaint received in this period has been acknowledged yet."
    return Table(
        slug="times",
        title="How long complaints waited",
        summary=summary,
        columns=["From … to …", "Median (days)", "90th percentile (days)", "Complaints measured", "Within the deadline (%)"],
        rows=rows,
        chart="",
    )


def _tally_row(label: str, row: dict) -> list:
    return [label, *(row[name] for name in TALLY_NAMES)]


def _medians(row: dict | None) -> list:
    return [days(row["acknowledge_p50"]), days(row["settle_p50"])] if row else [None, None]


def point_table(by_point: list[dict], branches: dict[int, Branch]) -> Table:
    points = ServicePoint.objects.in_bulk([row["service_point"] for row in by_point if row["service_point"]])
    several = len({row["branch"] for row in by_point}) > 1

    def label(row):
        place = points[row["service_point"]].name if row["service_point"] else NO_POINT
        return f"{branches[row['branch']].name} — {place}" if several else place

    by_point.sort(key=lambda row: (-row["received"], label(row)))
    rows = [[*_tally_row(label(row), row), *_medians(row)] for row in by_point]
    return Table(
        slug="by-service-point",
        title="Complaints by service point",
        summary=(
            f"Most complaints were received at {rows[0][0]}: {rows[0][1]:,} of {sum(row[1] for row in rows):,}."
            if rows else "No complaints in this period."
        ),
        columns=["Service point", "Received", "Escalated to the Director", "Still open", "Overdue today",
                 "Median days to acknowledge", "Median days to resolve or escalate"],
        rows=rows,
        unit="complaints",
    )


def branch_table(by_point: list[dict], medians: dict[int, dict], branches: dict[int, Branch]) -> Table:
    """Whole branches: their service points' counts added up, and their own medians (a median
    of medians would be none at all)."""
    counts = defaultdict(lambda: dict.fromkeys(TALLY_NAMES, 0))
    for row in by_point:
        for name in TALLY_NAMES:
            counts[row["branch"]][name] += row[name]
    order = sorted(counts, key=lambda pk: (-counts[pk]["received"], branches[pk].name))
    rows = [[*_tally_row(branches[pk].name, counts[pk]), *_medians(medians.get(pk))] for pk in order]
    return Table(
        slug="by-branch",
        title="Complaints by branch",
        summary=(
            f"{rows[0][0]} received the most complaints ({rows[0][1]:,}); "
            f"{sum(row[4] for row in rows):,} are overdue today across the branches."
            if rows else "No complaints in this period."
        ),
        columns=["Branch", "Received", "Escalated to the Director", "Still open", "Overdue today",
                 "Median days to acknowledge", "Median days to resolve or escalate"],
        rows=rows,
        unit="complaints",
    )


def policy_table(by_policy: list[dict], total: int) -> Table:
    merged, labels = defaultdict(lambda: dict.fromkeys(TALLY_NAMES, 0)), {}
    # The label of a policy named several ways is its spelling on the most complaints.
    for row in sorted(by_policy, key=lambda row: (-row["received"], policy_of(row["policy_reference"])[1])):
        key, label = policy_of(row["policy_reference"])
        labels.setdefault(key, label)
        for name in TALLY_NAMES:
            merged[key][name] += row[name]
    order = sorted(merged, key=lambda key: (key == "", -merged[key]["received"], key))
    rows = [
        [labels[key], merged[key]["received"], percent(merged[key]["received"], total), merged[key]["escalated"]]
        for key in order
    ]
    named = [row for key, row in zip(order, rows) if key]
    return Table(
        slug="by-policy",
        title="Complaints by the policy they concern",
        summary=(
            f"The policy most complained about was “{named[0][0]}”: {named[0][1]:,} "
            f"{'complaint' if named[0][1] == 1 else 'complaints'} ({named[0][2]}%)."
            if named else "No complaint in this period named a policy." if rows else "No complaints in this period."
        ),
        columns=["Policy or section concerned", "Received", "Share (%)", "Escalated to the Director"],
        rows=rows,
        unit="complaints",
    )


def _trend_summary(overall: dict, periods) -> str:
    if not overall["received"]:
        return "No complaints in this period."
    unit = "month" if periods.monthly else "week"
    return (
        f"{overall['received']:,} complaints over {len(periods.starts)} {unit}s, "
        f"{overall['escalated']:,} of them escalated to the Director (the dashed line)."
    )
