"""Phone callbacks: "If you are unable to work on a caller's request immediately, offer to call
them back." How many the desk took in the period, whether each was done by its due time, how
many calls it took and how the others ended; and, whatever the period, how many are open and
overdue now (desk.selectors.callbacks.overdue, the console's rule).

The due time is the callback's own `due_at`: callback_due_hours of the service point's opening
hours after it was taken (desk.services.callbacks.default_due_at), or the time staff chose or
later moved it to. Only the statistical part is read: never the caller's name, number or need."""

from collections import Counter, defaultdict

from django.db.models import Count, F, Q
from django.utils import timezone

from desk.models import Callback
from desk.selectors.callbacks import overdue
from reports.places import point_labels
from reports.sections import Figure, ReportQuery, SectionResult, section
from reports.tables import Table, counted, percent
from staff.models import LibrarySettings

Status = Callback.Status
DONE_ON_TIME, DONE_LATE, OPEN = "on time", "late", "open"
# The outcomes in the order a table shows them.
OUTCOMES = {
    DONE_ON_TIME: "Done by the due time",
    DONE_LATE: "Done late",
    Status.UNANSWERED: "Closed: no answer",
    Status.CANCELLED: "Cancelled",
    OPEN: "Still open",
}


def _taken(query: ReportQuery) -> list[dict]:
    """The callbacks taken in the period, grouped by service point, status and calls without
    an answer, with how many of the done ones were done after their due time (one query)."""
    start, end = query.filters.bounds
    return list(
        Callback.objects.filter(query.scope, created_at__gte=start, created_at__lt=end)
        .values("service_point", "status", "attempts")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(status=Status.DONE, finished_at__gt=F("due_at"))))
        .order_by()
    )


def _open_now(query: ReportQuery) -> list[dict]:
    """The callbacks open now, whenever they were taken, by service point (one query)."""
    return list(
        Callback.objects.filter(query.scope, status=Status.SCHEDULED)
        .values("service_point")
        .annotate(n=Count("pk"), overdue=Count("pk", filter=overdue(timezone.now())))
        .order_by()
    )


def _outcome(row: dict) -> tuple[str, int]:
    """The row's outcome key, and how many of its callbacks had it (the late ones of a done
    row are counted by the caller)."""
    if row["status"] == Status.DONE:
        return DONE_ON_TIME, row["n"] - row["late"]
    if row["status"] == Status.SCHEDULED:
        return OPEN, row["n"]
    return row["status"], row["n"]


def _calls(row: dict) -> int:
    """The calls made: those without an answer, and the one that got through if it is done."""
    return row["attempts"] + (1 if row["status"] == Status.DONE else 0)


@section("callbacks", "Phone callbacks")
def callbacks(query: ReportQuery) -> SectionResult:
    taken, open_now = _taken(query), _open_now(query)
    labels = point_labels(query.filters, [row["service_point"] for row in taken + open_now])
    outcomes = Counter()
    by_point = defaultdict(Counter)
    by_calls = defaultdict(Counter)
    for row in taken:
        key, n = _outcome(row)
        for counter in (outcomes, by_point[row["service_point"]]):
            counter[key] += n
            counter[DONE_LATE] += row["late"]  # zero but for done ones
        by_calls[_calls(row)][row["status"]] += row["n"]
    total = sum(outcomes.values())
    done = outcomes[DONE_ON_TIME] + outcomes[DONE_LATE]
    first_call = sum(row["n"] for row in taken if row["status"] == Status.DONE and row["attempts"] == 0)
    calls_made = sum(_calls(row) * row["n"] for row in taken)
    open_total, overdue_total = sum(row["n"] for row in open_now), sum(row["overdue"] for row in open_now)
    due_hours = LibrarySettings.current().callback_due_hours
    rule = (
        f"A callback is due {due_hours} open hour{'s' if due_hours != 1 else ''} of its service point after it was "
        "taken (nights and closed days do not count), unless staff chose or later moved its due time."
    )

    outcome_rows = [[label, outcomes[key], percent(outcomes[key], total)] for key, label in OUTCOMES.items()]
    point_rows = [
        [
            label,
            sum(by_point[pk].values()),
            *(by_point[pk][key] for key in OUTCOMES),
            percent(by_point[pk][DONE_ON_TIME], by_point[pk][DONE_ON_TIME] + by_point[pk][DONE_LATE]),
        ]
        for pk, label in labels.items()
        if by_point[pk]
    ]
    call_rows = [
        [
            f"{calls} call{'' if calls == 1 else 's'}",
            by_calls[calls][Status.DONE],
            by_calls[calls][Status.UNANSWERED],
            by_calls[calls][Status.CANCELLED] + by_calls[calls][Status.SCHEDULED],
            sum(by_calls[calls].values()),
        ]
        for calls in sorted(by_calls)
    ]
    open_by_point = {row["service_point"]: row for row in open_now}
    open_rows = [
        [label, open_by_point[pk]["n"], open_by_point[pk]["overdue"]] for pk, label in labels.items() if pk in open_by_point
    ]
    return SectionResult(
        intro=(
            "Calls the desk owed patrons who could not be helped at once: those taken in the period, and those "
            "open now whenever they were taken. The caller's name, number and need are never read here."
        ),
        figures=[
            Figure("Callbacks taken", f"{total:,}"),
            Figure("Done by the due time (of those done)", "—" if not done else f"{percent(outcomes[DONE_ON_TIME], done)}%"),
            Figure("Done late", f"{outcomes[DONE_LATE]:,}"),
            Figure("Closed: no answer", f"{outcomes[Status.UNANSWERED]:,}"),
            Figure("Open now", f"{open_total:,}", now=True),
            Figure("Overdue now", f"{overdue_total:,}", now=True),
        ],
        tables=[
            Table(
                slug="outcomes",
                title="How the callbacks taken in the period ended",
                summary=(
                    f"Of {counted(total, 'callback')} taken: {done:,} done ({outcomes[DONE_ON_TIME]:,} by the due time), "
                    f"{outcomes[Status.UNANSWERED]:,} closed with no answer, {outcomes[OPEN]:,} still open."
                    if total else "No callback was taken in this period."
                ),
                columns=["Outcome", "Callbacks", "Share (%)"],
                rows=outcome_rows if total else [],
                unit="callbacks",
                notes=[rule],
            ),
            Table(
                slug="by-service-point",
                title="Callbacks by service point",
                summary=_busiest(point_rows),
                columns=["Service point", "Taken", *OUTCOMES.values(), "Done by the due time (%)"],
                rows=point_rows,
                unit="callbacks",
            ),
            Table(
                slug="calls",
                title="Calls made per callback",
                summary=(
                    f"{counted(calls_made, 'call')} for {counted(total, 'callback')}"
                    + (f"; {first_call:,} of the {done:,} done got through at the first call." if done else ".")
                    if total else "No callback was taken in this period."
                ),
                columns=["Calls made", "Done", "Closed: no answer", "Cancelled or still open", "All callbacks"],
                rows=call_rows,
                value_column=4,
                unit="callbacks",
                notes=["A call counts when it was answered (done) or recorded as “no answer”."],
            ),
            Table(
                slug="open-now",
                title="Open now, whenever they were taken",
                summary=(
                    f"{counted(open_total, 'callback')} open now, {overdue_total:,} of them past the due time."
                    if open_total else "No callback is open now."
                ),
                columns=["Service point", "Open now", "Overdue now"],
                rows=open_rows,
                unit="callbacks",
            ),
        ],
    )


def _busiest(rows: list[list]) -> str:
    if not rows:
        return "No callback was taken in this period."
    label, taken = max(rows, key=lambda row: row[1])[:2]
    return f"{label} took the most callbacks: {taken:,}."
