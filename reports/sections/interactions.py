"""Interactions: when patrons come (staffing), how the count moves, and what the desk does:
by kind, channel, READ effort, service point and outcome; what was offered when staff could
not comply (unmet demand); how the interaction checklist is followed."""

import datetime
from collections import Counter, defaultdict

from interactions.models import Interaction
from policy.models import ChecklistItem
from reports import counts
from reports.sections import Figure, ReportQuery, SectionResult, section
from reports.tables import Table, percent
from staff.models import ServicePoint

WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
WEEKDAY_NAMES = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"]
# The hours a heatmap shows when nothing was logged: a library's usual opening hours.
DEFAULT_HOURS = range(9, 18)


def _ordered(counter: Counter, labels: dict) -> list:
    """The keys, largest count first, then in the order of `labels`."""
    order = list(labels)
    return sorted(counter, key=lambda key: (-counter[key], order.index(key) if key in order else len(order)))


def _share_rows(counter: Counter, labels: dict, total: int) -> list[list]:
    """Rows of label, count and share (%), largest first."""
    return [[labels.get(key, str(key)), counter[key], percent(counter[key], total)] for key in _ordered(counter, labels)]


def _top(rows: list[list], sentence: str) -> str:
    """`sentence` about the first (largest) row: {label}, {count}, {share}."""
    if not rows:
        return "No interactions in this period."
    label, count, share = rows[0][:3]
    return sentence.format(label=label, count=f"{count:,}", share=share)


def heatmap_table(hours: list[dict]) -> Table:
    grid = defaultdict(int)
    for row in hours:
        grid[row["weekday"] - 1, row["hour"]] += row["n"]
    used = sorted({hour for _, hour in grid})
    columns = list(range(used[0], used[-1] + 1)) if used else list(DEFAULT_HOURS)
    rows = [[name, *(grid[day, hour] for hour in columns)] for day, name in enumerate(WEEKDAYS)]
    for row in rows:
        row.append(sum(row[1:]))
    if grid:
        (day, hour), most = max(grid.items(), key=lambda item: (item[1], -item[0][0], -item[0][1]))
        summary = (
            f"The busiest hour was {WEEKDAY_NAMES[day]} {hour:02d}:00–{hour + 1:02d}:00, with {most:,} interactions "
            "over the period; darker cells had more."
        )
    else:
        summary = "No interactions in this period."
    return Table(
        slug="by-hour",
        title="When patrons come: interactions by weekday and hour",
        summary=summary,
        columns=["Weekday", *(f"{hour:02d}:00" for hour in columns), "Total"],
        rows=rows,
        chart="heatmap",
        chart_columns=tuple(range(1, len(columns) + 1)),
    )


def daily_table(query: ReportQuery, days: list[dict]) -> Table:
    per_day = Counter()
    for row in days:
        per_day[row["day"]] += row["n"]
    days = [query.filters.start + datetime.timedelta(days=n) for n in range(query.filters.days)]
    rows = [[day.isoformat(), per_day[day]] for day in days]
    if per_day:
        busiest = max(days, key=lambda day: per_day[day])
        summary = (
            f"{sum(per_day.values()):,} interactions over {len(days)} days, {sum(per_day.values()) / len(days):,.1f} a day "
            f"on average; the busiest day was {busiest:%A %-d %B %Y} ({per_day[busiest]:,})."
        )
    else:
        summary = "No interactions in this period."
    return Table(
        slug="daily", title="Interactions day by day", summary=summary, columns=["Day", "Interactions"], rows=rows,
        chart="line",
    )


def weekly_table(query: ReportQuery, days: list[dict]) -> Table:
    weeks, reference = Counter(), Counter()
    for row in days:
        monday = row["day"] - datetime.timedelta(days=row["day"].weekday())
        weeks[monday] += row["n"]
        reference[monday] += row["reference"]
    first = query.filters.start - datetime.timedelta(days=query.filters.start.weekday())
    mondays = [first + datetime.timedelta(weeks=n) for n in range((query.filters.end - first).days // 7 + 1)]
    rows = [[monday.isoformat(), weeks[monday], reference[monday]] for monday in mondays]
    partial = query.filters.start.weekday() != 0 or query.filters.end.weekday() != 6
    summary = (
        f"{len(mondays)} weeks, from {min(weeks.values(), default=0):,} to {max(weeks.values(), default=0):,} "
        "interactions a week; the dashed line is the reference transactions among them."
    )
    return Table(
        slug="weekly",
        title="Interactions week by week",
        summary=summary,
        columns=["Week of (Monday)", "Interactions", "Reference transactions"],
        rows=rows,
        chart="line",
        chart_columns=(1, 2),
        notes=["The first and last weeks count only the days inside the period."] if partial else [],
    )


@section("interactions", "Interactions at the desk")
def interactions(query: ReportQuery) -> SectionResult:
    hours = counts.by_hour(query)
    days = counts.by_day(query)
    dims = counts.by_dimensions(query)
    kinds = counts.kinds(query)
    reference = counts.reference_kinds(query)
    tally = {name: Counter() for name in ("kind", "channel", "effort", "outcome", "service_point")}
    by_kind, by_channel, by_effort, by_outcome, by_point = tally.values()
    unmet = defaultdict(Counter)
    needing = set(Interaction.OUTCOMES_NEEDING_ALTERNATIVE)
    for kind, channel, effort, outcome, alternative, point, n in dims:
        # None: a dimension the row is not counted by (reports.counts.by_dimensions).
        for counter, value in ((by_kind, kind), (by_channel, channel), (by_effort, effort), (by_outcome, outcome), (by_point, point)):
            if value is not None:
                counter[value] += n
        if outcome in needing and alternative is not None:
            unmet[alternative][outcome] += n
    total = by_kind.total()
    points = ServicePoint.objects.select_related("branch").in_bulk(list(tally["service_point"]))
    several_branches = len({point.branch_id for point in points.values()}) > 1

    kind_labels = {pk: kind.name for pk, kind in kinds.items()}
    kind_rows = [
        [*row, "yes" if key in reference else "no"]
        for key, row in zip(_ordered(tally["kind"], kind_labels), _share_rows(tally["kind"], kind_labels, total))
    ]
    point_labels = {
        pk: f"{point.branch.name} — {point.name}" if several_branches else point.name for pk, point in points.items()
    }
    channel_rows = _share_rows(tally["channel"], dict(Interaction.Channel.choices), total)
    effort_rows = _share_rows(tally["effort"], dict(Interaction.Effort.choices), total)
    outcome_rows = _share_rows(tally["outcome"], dict(Interaction.Outcome.choices), total)
    point_rows = _share_rows(tally["service_point"], point_labels, total)
    unmet_rows = [
        [
            Interaction.Alternative(key).label,
            unmet[key][Interaction.Outcome.ALTERNATIVE_OFFERED],
            unmet[key][Interaction.Outcome.COULD_NOT_HELP],
            sum(unmet[key].values()),
        ]
        for key in sorted(unmet, key=lambda key: -sum(unmet[key].values()))
    ]
    unmet_total = sum(row[3] for row in unmet_rows)
    tables = [
        heatmap_table(hours),
        daily_table(query, days),
        weekly_table(query, days),
        Table(
            slug="by-kind",
            title="By kind",
            summary=_top(kind_rows, "The most frequent kind was “{label}”: {count} interactions ({share}%)."),
            columns=["Kind", "Interactions", "Share (%)", "Counts as reference"],
            rows=kind_rows,
        ),
        Table(
            slug="by-channel",
            title="By channel",
            summary=_top(channel_rows, "The most used channel was {label}: {count} interactions ({share}%)."),
            columns=["Channel", "Interactions", "Share (%)"],
            rows=channel_rows,
        ),
        Table(
            slug="by-effort", title="By READ effort", summary=_effort_summary(tally["effort"], total),
            columns=["READ effort", "Interactions", "Share (%)"], rows=effort_rows,
        ),
        Table(
            slug="by-service-point",
            title="By service point",
            summary=_top(point_rows, "The busiest service point was {label}: {count} interactions ({share}%)."),
            columns=["Service point", "Interactions", "Share (%)"],
            rows=point_rows,
        ),
        Table(
            slug="by-outcome", title="Outcomes", summary=_outcome_summary(tally["outcome"], total),
            columns=["Outcome", "Interactions", "Share (%)"], rows=outcome_rows,
        ),
        Table(
            slug="unmet-demand",
            title="Unmet demand: what was offered when staff could not comply",
            summary=(
                f"{unmet_total:,} times staff could not do what was asked; most often they offered "
                f"{unmet_rows[0][0].lower()} ({unmet_rows[0][3]:,})."
                if unmet_rows else "Staff could do what was asked every time in this period."
            ),
            columns=["Alternative offered", "With the outcome “alternative offered”", "With the outcome “could not help”", "Total"],
            rows=unmet_rows,
            value_column=3,
        ),
    ]
    checklist, headlines = checklist_table(query)
    tables.append(checklist)
    figures = [
        Figure("Interactions", f"{total:,}"),
        Figure("Reference transactions", f"{sum(row['reference'] for row in days):,}"),
        Figure("Staff could not comply", f"{percent(unmet_total, total) or 0}%"),
        *headlines,
    ]
    return SectionResult(figures=figures, tables=tables)


def _effort_summary(counter: Counter, total: int) -> str:
    if not total:
        return "No interactions in this period."
    deeper = sum(count for effort, count in counter.items() if effort >= 3)
    return f"{percent(deeper, total)}% of interactions took READ effort 3 or more (several resources, instruction or research)."


def _outcome_summary(counter: Counter, total: int) -> str:
    if not total:
        return "No interactions in this period."
    answered = counter[Interaction.Outcome.ANSWERED]
    return f"{percent(answered, total)}% of interactions were answered at the desk."


# Checklist items shown as a key figure, by the principle they carry out.
HEADLINE_ITEMS = {"follow-up": "Follow-up question asked", "invite-to-return": "Invited to return"}


def checklist_table(query: ReportQuery) -> tuple[Table, list[Figure]]:
    """The share of interactions where each item of the interaction (and phone) checklist
    was ticked, of those where it was asked; and the headline items as key figures."""
    shares = counts.checklist_shares(query)
    items = ChecklistItem.objects.select_related("checklist").in_bulk([row["item"] for row in shares])
    shares.sort(key=lambda row: (items[row["item"]].checklist.position, items[row["item"]].position, row["item"]))
    rows, headlines, sentences = [], [], []
    for row in shares:
        item, rate = items[row["item"]], percent(row["ticked"], row["shown"])
        rows.append([item.label, row["shown"], row["ticked"], rate])
        if item.principle_key in HEADLINE_ITEMS:
            headlines.append(Figure(HEADLINE_ITEMS[item.principle_key], f"{rate}%"))
            sentences.append(f"{HEADLINE_ITEMS[item.principle_key].lower()} in {rate}%")
    if sentences:
        summary = f"Of the interactions where the checklist asked: {' and '.join(sentences)}."
    elif rows:
        summary = f"{len(rows)} checklist items were asked in this period."
    else:
        summary = "No interaction checklist was ticked in this period."
    table = Table(
        slug="checklist",
        title="How the interaction checklist was followed",
        summary=summary,
        columns=["Checklist item", "Asked (interactions)", "Ticked", "Ticked (%)"],
        rows=rows,
        value_column=3,
        unit="%",
    )
    return table, headlines
