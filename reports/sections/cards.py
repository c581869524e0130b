"""Comment cards by kind (suggestions, compliments, complaints, questions), with those still
to triage and the replies overdue today; purchase suggestions by outcome, and how often the
library found a way to say yes ("If you are unable to comply with a request, offer an
alternative").

Both count the records received in the period, de-identified ones included (they keep their
kind, status and dates). Both are kept by branch, with no service point. "Overdue" is the card
queue's own rule (feedback.services.card_rules). No breakdown is by an attribute of the
patron (a card's being signed, say, which de-identification would change anyway)."""

from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.utils import timezone

from feedback.models import CommentCard, PurchaseSuggestion
from feedback.services.card_rules import overdue
from reports.filters import branch_scope_for, kept_by_branch
from reports.sections import Figure, ReportQuery, SectionResult, section
from reports.tables import Table, percent
from reports.timing import elapsed, in_percent, in_words, waits
from staff.access import sees_feedback_reports
from staff.models import Branch

Status = PurchaseSuggestion.Status
SAID_YES = (Status.ACCEPTED, Status.ORDERED)
OUTCOME_LABELS = {
    Status.PENDING: "Not decided yet",
    Status.ACCEPTED: "Accepted",
    Status.ORDERED: "Ordered",
    Status.DECLINED: "Declined",
}


@section("cards", "Comment cards and purchase suggestions", shown_to=sees_feedback_reports)
def cards(query: ReportQuery) -> SectionResult:
    today = timezone.localdate()
    start, end = query.filters.bounds
    scope = branch_scope_for(query.viewer, query.filters)
    card_rows = list(
        CommentCard.objects.filter(scope, received_at__gte=start, received_at__lt=end)
        .values("branch", "kind")
        .annotate(
            received=Count("pk"),
            open=Count("pk", filter=Q(status__in=CommentCard.OPEN)),
            overdue=Count("pk", filter=overdue(today)),
        )
        .order_by()
    )
    suggestions = PurchaseSuggestion.objects.filter(scope, received_at__gte=start, received_at__lt=end)
    suggestion_rows = list(suggestions.values("branch", "status").annotate(received=Count("pk")).order_by())
    decide = suggestions.aggregate(**waits(decide=elapsed("decided_at")))

    kinds, kind_open, kind_overdue = Counter(), Counter(), Counter()
    for row in card_rows:
        kinds[row["kind"]] += row["received"]
        kind_open[row["kind"]] += row["open"]
        kind_overdue[row["kind"]] += row["overdue"]
    outcomes = Counter()
    for row in suggestion_rows:
        outcomes[row["status"]] += row["received"]
    card_total, suggestion_total = sum(kinds.values()), sum(outcomes.values())
    said_yes = sum(outcomes[status] for status in SAID_YES)
    decided = said_yes + outcomes[Status.DECLINED]
    notes = kept_by_branch(query.filters, "Comment cards and suggestions")

    kind_labels = dict(CommentCard.Kind.choices)
    kind_rows = [
        [kind_labels[key], kinds[key], percent(kinds[key], card_total), kind_open[key], kind_overdue[key]]
        for key in sorted(kinds, key=lambda key: (-kinds[key], kind_labels[key]))
    ]
    outcome_rows = [
        [OUTCOME_LABELS[key], outcomes[key], percent(outcomes[key], suggestion_total)]
        for key in Status.values
        if outcomes[key]
    ]
    tables = [
        Table(
            slug="cards-by-kind",
            title="Comment cards by kind",
            summary=(
                f"{card_total:,} cards; the most frequent kind was {kind_rows[0][0].lower()} ({kind_rows[0][1]:,}, "
                f"{kind_rows[0][2]}%). {sum(kind_open.values()):,} are still open."
                if kind_rows else "No comment cards in this period."
            ),
            columns=["Kind", "Cards", "Share (%)", "Still open", "Reply overdue today"],
            rows=kind_rows,
            unit="cards",
            notes=list(notes),
        ),
        Table(
            slug="suggestions-by-outcome",
            title="Purchase suggestions by outcome",
            summary=(
                f"Of the {decided:,} suggestions decided, {in_percent(said_yes, decided)} were accepted or ordered."
                if decided else f"{suggestion_total:,} suggestions, none decided yet." if suggestion_total
                else "No purchase suggestions in this period."
            ),
            columns=["Outcome", "Suggestions", "Share (%)"],
            rows=outcome_rows,
            unit="suggestions",
            notes=[*notes, *_decision_wait(decide)],
        ),
    ]
    if query.filters.branch is None and query.filters.point is None:
        tables.append(branch_table(card_rows, suggestion_rows))
    return SectionResult(
        intro=(
            "The comment cards and purchase suggestions received in the period, wherever they now stand: those "
            "de-identified after the retention period still count. Still open and overdue are as of today."
            + "".join(f" {note}" for note in notes)
        ),
        figures=[
            Figure("Comment cards received", f"{card_total:,}"),
            Figure("Compliments among them", in_percent(kinds[CommentCard.Kind.COMPLIMENT], card_total)),
            Figure("Cards still open", f"{sum(kind_open.values()):,}"),
            Figure("Card replies overdue today", f"{sum(kind_overdue.values()):,}"),
            Figure("Purchase suggestions received", f"{suggestion_total:,}"),
            Figure("Suggestions said yes to (of those decided)", in_percent(said_yes, decided)),
            Figure("Median wait for a decision on a suggestion", in_words(decide["decide_p50"])),
        ],
        tables=tables,
    )


def branch_table(card_rows: list[dict], suggestion_rows: list[dict]) -> Table:
    counts = defaultdict(Counter)
    for row in card_rows:
        counts[row["branch"]]["cards"] += row["received"]
        counts[row["branch"]]["open"] += row["open"]
    for row in suggestion_rows:
        counts[row["branch"]]["suggestions"] += row["received"]
        counts[row["branch"]]["yes"] += row["received"] if row["status"] in SAID_YES else 0
    branches = Branch.objects.in_bulk(list(counts))
    order = sorted(counts, key=lambda pk: (-counts[pk]["cards"], branches[pk].name))
    rows = [
        [branches[pk].name, counts[pk]["cards"], counts[pk]["open"], counts[pk]["suggestions"], counts[pk]["yes"]]
        for pk in order
    ]
    return Table(
        slug="by-branch",
        title="Comment cards and purchase suggestions by branch",
        summary=(
            f"{rows[0][0]} received the most comment cards ({rows[0][1]:,})." if rows
            else "No comment cards or purchase suggestions in this period."
        ),
        columns=["Branch", "Comment cards", "Cards still open", "Purchase suggestions", "Accepted or ordered"],
        rows=rows,
        unit="cards",
    )


def _decision_wait(decide: dict) -> list[str]:
    if not decide["decide_n"]:
        return []
    return [
        f"Half the decided suggestions were decided within {in_words(decide['decide_p50'])} of receipt, "
        f"nine in ten within {in_words(decide['decide_p90'])}."
    ]
