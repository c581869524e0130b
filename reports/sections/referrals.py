"""Referrals: "If you don't know the answer, find someone who does." How many questions the
desk referred in the period, on which subjects, how the patrons were answered, and whether
they were answered before the branch's supervisor would be reminded of them (`remind_at`:
referral_reminder_hours of the service point's opening hours after the referral, set by
desk.services.referrals.referral_make; the desk's lists call an open one past it late,
desk.selectors.referrals.with_late). Only the statistical part is read: never the question,
the patron, their contact or the answer, nor who referred it to whom."""

from collections import Counter, defaultdict

from django.db.models import Count, F, Q
from django.utils import timezone

from desk.models import Referral, Subject
from reports.percentiles import Percentile
from reports.places import point_labels
from reports.sections import Figure, ReportQuery, SectionResult, section
from reports.tables import Table, counted, percent
from reports.timing import elapsed, on_the_clock
from staff.models import LibrarySettings

Status = Referral.Status
ON_TIME, LATE, OPEN, OPEN_LATE = "on time", "late", "open", "open late"
COLUMNS = {ON_TIME: "Answered by the reminder time", LATE: "Answered after it", OPEN: "Still open"}
# The subjects a table names; the rest are one row.
SUBJECT_ROWS = 12


def _referred(query: ReportQuery) -> list[dict]:
    """The period's referrals by service point, subject, status and how they were answered,
    with how many were answered after the reminder time and how many are open past it now
    (one query)."""
    return list(
        _in_period(query)
        .values("service_point", "subject", "status", "answered_by")
        .annotate(
            n=Count("pk"),
            late=Count("pk", filter=Q(status=Status.ANSWERED, answered_at__gt=F("remind_at"))),
            open_late=Count("pk", filter=Q(status=Status.OPEN, remind_at__lte=timezone.now())),
        )
        .order_by()
    )


def _time_to_answer(query: ReportQuery):
    """The median time from referral to answer (one query, reports.percentiles)."""
    answered = _in_period(query).filter(status=Status.ANSWERED)
    return answered.aggregate(median=Percentile(elapsed("answered_at", "referred_at"), 0.5))["median"]


def _in_period(query: ReportQuery):
    start, end = query.filters.bounds
    return Referral.objects.filter(query.scope, referred_at__gte=start, referred_at__lt=end)


def _tally(row: dict) -> Counter:
    if row["status"] == Status.OPEN:
        return Counter({OPEN: row["n"], OPEN_LATE: row["open_late"]})
    return Counter({ON_TIME: row["n"] - row["late"], LATE: row["late"]})


@section("referrals", "Referrals")
def referrals(query: ReportQuery) -> SectionResult:
    rows, median = _referred(query), _time_to_answer(query)
    labels = point_labels(query.filters, [row["service_point"] for row in rows])
    subjects = Subject.objects.in_bulk({row["subject"] for row in rows if row["subject"]})
    overall, by_point, by_subject = Counter(), defaultdict(Counter), defaultdict(Counter)
    answered_by = Counter()
    for row in rows:
        tally = _tally(row)
        for counter in (overall, by_point[row["service_point"]], by_subject[row["subject"]]):
            counter.update(tally)
        if row["answered_by"]:
            answered_by[row["answered_by"]] += row["n"]
    total = overall[ON_TIME] + overall[LATE] + overall[OPEN]
    answered = overall[ON_TIME] + overall[LATE]
    reminder = LibrarySettings.current().referral_reminder_hours
    rule = (
        f"The branch's supervisor is reminded of a referral still open {reminder} open hour"
        f"{'s' if reminder != 1 else ''} of its service point after it was made (nights and closed days do not count)."
    )

    def counts(counter: Counter) -> list:
        return [sum(counter[key] for key in COLUMNS), *(counter[key] for key in COLUMNS)]

    point_rows = [[label, *counts(by_point[pk]), by_point[pk][OPEN_LATE]] for pk, label in labels.items()]
    return SectionResult(
        intro=(
            "Questions staff referred to someone who could answer them (“I can find out!”), by the day they were "
            "referred. The question, the patron and who answered are never read here."
        ),
        figures=[
            Figure("Questions referred", f"{total:,}"),
            Figure("Answered", f"{answered:,}"),
            Figure("Answered by the reminder time (of those answered)", "—" if not answered else f"{percent(overall[ON_TIME], answered)}%"),
            Figure("Still open", f"{overall[OPEN]:,}"),
            Figure("Open past the reminder now", f"{overall[OPEN_LATE]:,}"),
            Figure("Median time to answer", on_the_clock(median)),
        ],
        tables=[
            Table(
                slug="by-subject",
                title="Referrals by subject",
                summary=_subject_summary(by_subject, subjects, total),
                columns=["Subject", "Referred", *COLUMNS.values()],
                rows=_subject_rows(by_subject, subjects, counts),
                unit="referrals",
                notes=[rule],
            ),
            Table(
                slug="by-service-point",
                title="Referrals by the service point they came from",
                summary=(
                    f"Of {counted(total, 'question')} referred: {answered:,} answered ({overall[ON_TIME]:,} by the "
                    f"reminder time), {overall[OPEN_LATE]:,} open past it now."
                    if total else "No question was referred in this period."
                ),
                columns=["Service point", "Referred", *COLUMNS.values(), "Open past the reminder now"],
                rows=point_rows,
                unit="referrals",
            ),
            Table(
                slug="answered-by",
                title="How the patrons were answered",
                summary=_answered_by_summary(answered_by, answered),
                columns=["How", "Referrals", "Share (%)"],
                rows=[
                    [label, answered_by[key], percent(answered_by[key], answered)]
                    for key, label in Referral.AnsweredBy.choices
                    if answered_by[key]
                ],
                unit="referrals",
            ),
        ],
    )


def _subject_rows(by_subject: dict, subjects: dict, counts) -> list[list]:
    """The most referred subjects by name, then the others as one row and those referred
    without a subject as another."""
    named = sorted(
        (pk for pk in by_subject if pk is not None),
        key=lambda pk: (-sum(by_subject[pk][key] for key in COLUMNS), subjects[pk].key),
    )
    rows = [[subjects[pk].name, *counts(by_subject[pk])] for pk in named[:SUBJECT_ROWS]]
    if len(named) > SUBJECT_ROWS:
        others = sum((by_subject[pk] for pk in named[SUBJECT_ROWS:]), Counter())
        rows.append([f"{len(named) - SUBJECT_ROWS} other subjects", *counts(others)])
    if None in by_subject:
        rows.append(["No subject given", *counts(by_subject[None])])
    return rows


def _subject_summary(by_subject: dict, subjects: dict, total: int) -> str:
    named = {pk: sum(counter[key] for key in COLUMNS) for pk, counter in by_subject.items() if pk is not None}
    if not named:
        return "No question was referred in this period." if not total else "No referral in this period named a subject."
    top = min(named, key=lambda pk: (-named[pk], subjects[pk].key))
    return f"The most referred subject was {subjects[top].name}: {named[top]:,} of {counted(total, 'question')}."


def _answered_by_summary(answered_by: Counter, answered: int) -> str:
    if not answered:
        return "No referred question was answered in this period."
    key, n = answered_by.most_common(1)[0]
    return f"The answer reached the patron most often this way: {Referral.AnsweredBy(key).label} ({n:,} of {answered:,})."
