"""Collection-review requests (requests for reconsideration): how many came in, how long they
waited for the acknowledgment and the decision against the deadlines the library sets, what
is still open or overdue today, what was decided (after any appeal to the Director), and
about which formats.

Every number counts the requests received in the period, de-identified ones included. A
request is kept by branch, with no service point. "Overdue" is the review queue's own rule
(feedback.selectors.reviews.overdue_q), as of today. No breakdown is by an attribute of the
requester (whom they speak for, say): with the total shown, hiding its small cell would hide
nothing, since the other cell tells it."""

from collections import Counter, defaultdict

from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from feedback.models import ReviewRequest, ReviewStep
from feedback.selectors.reviews import UNDECIDED, overdue_q
from reports.filters import branch_scope_for, kept_by_branch
from reports.sections import Figure, ReportQuery, SectionResult, section
from reports.tables import Table, percent
from reports.timing import days, elapsed, first_step_at, in_percent, in_words, measured, medians_among, spreads
from staff.access import sees_feedback_reports
from staff.models import Branch

Status = ReviewRequest.Status
NOT_DECIDED = "Not decided yet"
MEASURES = {
    "acknowledge": elapsed("acknowledged_at"),
    "decide": elapsed("decided_at"),
    "appeal": elapsed("appeal_decided_at", "appealed_at"),
}


# The tallies of every breakdown, and what is counted once by branch, format and outcome and
# added up in every other way here.
TALLY_NAMES = ("received", "open", "overdue", "appealed")
COUNT_NAMES = (*TALLY_NAMES, "acknowledge_met", "acknowledge_due", "decide_met", "decide_due",
               "acknowledge_n", "decide_n", "appeal_n")


def tallies(today) -> dict:
    return {
        "received": Count("pk"),
        "open": Count("pk", filter=Q(status__in=ReviewRequest.OPEN)),
        "overdue": Count("pk", filter=overdue_q(today)),
        "appealed": Count("pk", filter=Q(appealed_at__isnull=False)),
    }


def percentiles(branches: list[int]) -> dict:
    """Every wait's median and 90th percentile, and each branch's median wait for the decision,
    in one aggregate (each branch's percentile filtered to its rows)."""
    aggregates = spreads(**MEASURES)
    for branch in branches:
        aggregates |= medians_among(f"branch_{branch}", Q(branch=branch), decide=MEASURES["decide"])
    return aggregates


def deadlines(today) -> dict:
    """Met and due, for each deadline: due once done or once its day has passed undone."""
    return {
        "acknowledge_met": Count("pk", filter=Q(acknowledged_at__date__lte=F("acknowledge_by"))),
        "acknowledge_due": Count(
            "pk", filter=Q(acknowledged_at__isnull=False) | Q(status=Status.RECEIVED, acknowledge_by__lt=today)
        ),
        "decide_met": Count("pk", filter=Q(decided_at__date__lte=F("decide_by"))),
        "decide_due": Count("pk", filter=Q(decided_at__isnull=False) | Q(status__in=UNDECIDED, decide_by__lt=today)),
    }


@section("reviews", "Collection-review requests", shown_to=sees_feedback_reports)
def reviews(query: ReportQuery) -> SectionResult:
    today = timezone.localdate()
    start, end = query.filters.bounds
    received = ReviewRequest.objects.filter(
        branch_scope_for(query.viewer, query.filters), received_at__gte=start, received_at__lt=end
    ).annotate(
        acknowledged_at=first_step_at(ReviewStep, "review", ("acknowledge",)),
        appealed_at=first_step_at(ReviewStep, "review", ("appeal",)),
    )
    # One grouped count of everything, added up here for the whole, by outcome, by format and by
    # branch; then the waits' percentiles, each branch's median among them, in one more query.
    counted = (
        received.annotate(outcome=Coalesce(NullIf("appeal_decision", Value("")), "decision"))
        .values("branch", "format", "outcome")
        .annotate(**tallies(today), **deadlines(today), **measured(**MEASURES))
        .order_by()
    )
    overall = dict.fromkeys(COUNT_NAMES, 0)
    outcomes, appealed, formats = Counter(), Counter(), Counter()
    by_branch = defaultdict(lambda: dict.fromkeys(TALLY_NAMES, 0))
    for row in counted:
        for name in COUNT_NAMES:
            overall[name] += row[name]
        for name in TALLY_NAMES:
            by_branch[row["branch"]][name] += row[name]
        outcomes[row["outcome"]] += row["received"]
        appealed[row["outcome"]] += row["appealed"]
        formats[row["format"]] += row["received"]
    overall |= received.aggregate(**percentiles(list(by_branch)))
    total = overall["received"]
    notes = kept_by_branch(query.filters, "Review requests")

    decisions = dict(ReviewRequest.Decision.choices) | {"": NOT_DECIDED}
    outcome_rows = [
        [decisions[key], outcomes[key], percent(outcomes[key], total), appealed[key]]
        for key in sorted(outcomes, key=lambda key: (key == "", -outcomes[key], decisions[key]))
    ]
    format_labels = dict(ReviewRequest.Format.choices)
    format_rows = [
        [format_labels[key], formats[key], percent(formats[key], total)]
        for key in sorted(formats, key=lambda key: (-formats[key], format_labels[key]))
    ]
    tables = [
        times_table(overall, notes),
        Table(
            slug="by-outcome",
            title="What was decided (after any appeal)",
            summary=_outcome_summary(outcome_rows, total),
            columns=["Decision", "Requests", "Share (%)", "Appealed to the Director"],
            rows=outcome_rows,
            unit="requests",
            notes=list(notes),
        ),
        Table(
            slug="by-format",
            title="Requests by the item's format",
            summary=(
                f"Most requests were about a {format_rows[0][0].lower()}: {format_rows[0][1]:,} ({format_rows[0][2]}%)."
                if format_rows else "No review requests in this period."
            ),
            columns=["Format", "Requests", "Share (%)"],
            rows=format_rows,
            unit="requests",
            notes=list(notes),
        ),
    ]
    if query.filters.branch is None and query.filters.point is None:
        tables.append(branch_table(by_branch, overall))
    return SectionResult(
        intro=(
            "The requests for reconsideration received in the period, wherever they now stand: those "
            "de-identified after the retention period still count. Still open and overdue are as of today, "
            "by the deadlines the review queue uses; waits are calendar days from receipt."
            + "".join(f" {note}" for note in notes)
        ),
        figures=[
            Figure("Requests received", f"{total:,}"),
            Figure("Acknowledged within the deadline", in_percent(overall["acknowledge_met"], overall["acknowledge_due"])),
            Figure("Median wait for the decision", in_words(overall["decide_p50"])),
            Figure("Decided within the deadline", in_percent(overall["decide_met"], overall["decide_due"])),
            Figure("Appealed to the Director", f"{overall['appealed']:,}"),
            Figure("Still open", f"{overall['open']:,}"),
            Figure("Overdue today", f"{overall['overdue']:,}"),
        ],
        tables=tables,
    )


def times_table(overall: dict, notes: list[str]) -> Table:
    rows = [
        ["Receipt to acknowledgment", days(overall["acknowledge_p50"]), days(overall["acknowledge_p90"]),
         overall["acknowledge_n"], percent(overall["acknowledge_met"], overall["acknowledge_due"])],
        ["Receipt to decision", days(overall["decide_p50"]), days(overall["decide_p90"]),
         overall["decide_n"], percent(overall["decide_met"], overall["decide_due"])],
        ["Appeal to the Director's decision", days(overall["appeal_p50"]), days(overall["appeal_p90"]),
         overall["appeal_n"], None],
    ]
    if overall["decide_n"]:
        summary = (
            f"Half the decided requests were decided within {in_words(overall['decide_p50'])} of receipt, and nine "
            f"in ten within {in_words(overall['decide_p90'])}."
        )
    else:
        summary = "No request received in this period has been decided yet."
    return Table(
        slug="times",
        title="How long review requests waited",
        summary=summary,
        columns=["From … to …", "Median (days)", "90th percentile (days)", "Requests measured", "Within the deadline (%)"],
        rows=rows,
        chart="",
        notes=list(notes),
    )


def branch_table(by_branch: dict[int, dict], aggregated: dict) -> Table:
    branches = Branch.objects.in_bulk(list(by_branch))
    by_branch = [{"branch": pk, **tally, "decide_p50": aggregated[f"branch_{pk}_decide_p50"]} for pk, tally in by_branch.items()]
    by_branch.sort(key=lambda row: (-row["received"], branches[row["branch"]].name))
    rows = [
        [branches[row["branch"]].name, row["received"], row["open"], row["overdue"], row["appealed"], days(row["decide_p50"])]
        for row in by_branch
    ]
    return Table(
        slug="by-branch",
        title="Review requests by branch",
        summary=(
            f"{rows[0][0]} received the most requests ({rows[0][1]:,}); {sum(row[3] for row in rows):,} "
            "are overdue today across the branches."
            if rows else "No review requests in this period."
        ),
        columns=["Branch", "Received", "Still open", "Overdue today", "Appealed to the Director", "Median days to decide"],
        rows=rows,
        unit="requests",
    )


def _outcome_summary(rows: list[list], total: int) -> str:
    if not total:
        return "No review requests in this period."
    decided = [row for row in rows if row[0] != NOT_DECIDED]
    if not decided:
        return f"None of the {total:,} requests has been decided yet."
    return f"The most frequent decision was to {decided[0][0].lower()} the item: {decided[0][1]:,} of {total:,} requests."
