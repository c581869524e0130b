"""The annual reference-transaction count as public-library surveys define it (the IMLS
Public Libraries Survey and the state reports built on it): an information contact that
involves the knowledge, use, recommendation, interpretation or instruction in the use of
information sources by staff; directional questions (where things are, the opening hours,
the rules) are not reference transactions. Each kind of interaction says whether it counts
(InteractionKind.counts_as_reference). De-identified interactions count: they keep their
statistical part.

Libraries that do not count all year report an estimate from a typical week; METHOD says
how this report picks that week."""

import datetime
import statistics
from collections import Counter, defaultdict

from reports import counts
from reports.sections import Figure, ReportQuery, SectionResult, section
from reports.tables import Table
from staff.models import Branch, ClosedDay

METHOD = (
    "The typical week is the median of the full weeks (Monday to Sunday) inside the period "
    "that have no day on which the library was closed (the closed days kept in the "
    "administration site): half those weeks had more reference transactions, half fewer, so "
    "one unusually busy or quiet week does not move it. The annual estimate is the typical "
    "week × 52, as the surveys ask of libraries that sample. A library that counts every "
    "transaction all year reports the annual count instead."
)
WEEKS_A_YEAR = 52


def full_weeks(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The Mondays of the weeks that lie wholly inside start..end."""
    first = start + datetime.timedelta(days=(7 - start.weekday()) % 7)
    return [first + datetime.timedelta(weeks=n) for n in range(((end - first).days + 1) // 7)]


def sampled_weeks(start: datetime.date, end: datetime.date) -> tuple[list[datetime.date], set[datetime.date]]:
    """The full weeks, and those of them that hold a closed day (left out of the sample)."""
    mondays = full_weeks(start, end)
    closed = set(ClosedDay.objects.filter(date__gte=start, date__lte=end).values_list("date", flat=True))
    broken = {monday for monday in mondays for day in closed if 0 <= (day - monday).days < 7}
    return mondays, broken


def typical_week(per_week: Counter, mondays: list[datetime.date], broken: set[datetime.date]) -> int | float | None:
    """The median of the sampled weeks: a whole number, or a half when the sample is even
    (139 or 139.5, never "139.0"), as the page, the figure and the state report's CSV show it."""
    sample = [per_week[monday] for monday in mondays if monday not in broken]
    if not sample:
        return None
    median = statistics.median(sample)
    return int(median) if float(median).is_integer() else round(median, 1)


@section("reference", "Reference transactions (annual survey count)")
def reference(query: ReportQuery) -> SectionResult:
    days = counts.by_day(query)
    filters = query.filters
    mondays, broken = sampled_weeks(filters.start, filters.end)
    totals, references = Counter(), Counter()
    weekly = defaultdict(Counter)  # branch -> Monday -> reference transactions
    for row in days:
        totals[row["branch"]] += row["n"]
        references[row["branch"]] += row["reference"]
        weekly[row["branch"]][row["day"] - datetime.timedelta(days=row["day"].weekday())] += row["reference"]
    branches = Branch.objects.in_bulk(list(totals))
    names = sorted(totals, key=lambda pk: branches[pk].name)
    everywhere = Counter()
    for per_week in weekly.values():
        everywhere.update(per_week)

    branch_rows = [
        [branches[pk].name, references[pk], totals[pk] - references[pk], totals[pk]] for pk in names
    ]
    all_reference, all_total = sum(references.values()), sum(totals.values())
    if len(names) > 1:
        branch_rows.append(["All branches", all_reference, all_total - all_reference, all_total])
    typical = typical_week(everywhere, mondays, broken)

    def estimate(value):
        return None if value is None else round(value * WEEKS_A_YEAR)

    state_rows = [
        [
            branches[pk].name,
            filters.start.isoformat(),
            filters.end.isoformat(),
            references[pk],
            typical_week(weekly[pk], mondays, broken),
            estimate(typical_week(weekly[pk], mondays, broken)),
        ]
        for pk in names
    ]
    state_rows.append(
        ["All outlets", filters.start.isoformat(), filters.end.isoformat(), all_reference, typical, estimate(typical)]
    )
    week_rows = [
        [monday.isoformat(), everywhere[monday], "no: a closed day" if monday in broken else "yes"] for monday in mondays
    ]
    used = len(mondays) - len(broken)
    return SectionResult(
        intro=(
            "Reference transactions as the Public Libraries Survey counts them: directional questions and "
            "the other kinds that do not count as reference (each kind says so) are left out; interactions "
            "whose patron link was removed after the retention period still count."
        ),
        method=METHOD,
        figures=[
            Figure("Reference transactions in the period", f"{all_reference:,}"),
            Figure("Not counted (directional and other)", f"{all_total - all_reference:,}"),
            Figure("Typical week", "not enough full weeks" if typical is None else f"{typical:,}"),
            Figure("Annual estimate (typical week × 52)", "—" if typical is None else f"{estimate(typical):,}"),
        ],
        tables=[
            Table(
                slug="by-branch",
                title="Reference transactions by branch",
                summary=(
                    f"{all_reference:,} of {all_total:,} interactions were reference transactions "
                    f"({round(100 * all_reference / all_total, 1) if all_total else 0}%)."
                ),
                columns=["Branch", "Reference transactions", "Not counted (directional and other)", "All interactions"],
                rows=branch_rows,
                unit="reference transactions",
            ),
            Table(
                slug="typical-week",
                title="Reference transactions in each full week",
                summary=(
                    f"{used} of {len(mondays)} full weeks are in the sample; their median is the typical week."
                    if mondays else "The period holds no full week (Monday to Sunday), so there is no typical week."
                ),
                columns=["Week of (Monday)", "Reference transactions", "In the sample"],
                rows=week_rows,
                chart="",
            ),
            Table(
                slug="state-report",
                title="For the state report",
                summary=(
                    "One row per outlet and one for the library, in the columns of the annual report's "
                    "reference-transaction question."
                ),
                columns=[
                    "Outlet",
                    "Period start",
                    "Period end",
                    "Reference transactions (annual count)",
                    "Reference transactions in a typical week",
                    "Annual estimate (typical week × 52)",
                ],
                rows=state_rows,
                chart="",
            ),
        ],
    )
