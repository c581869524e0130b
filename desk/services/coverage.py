"""Desk coverage and handover notes. Coverage: how many minutes of a service point's opening
hours nobody was signed on to it, counted from the shifts (staff.Shift) and the opening hours
(staff.calendar), kept per day for reports. The policy: "During all hours of operation, a
staff member should be at the service desk." """

import datetime
from collections.abc import Iterable, Sequence

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from desk.models import DeskCoverage, HandoverNote
from servicedesk.lib.dates import day_bounds
from servicedesk.lib.retention import clear_records
from staff.access import may_dismiss_handover_note, may_write_handover_note
from staff.calendar import closed_days, open_period, opening_hours_of
from staff.models import ServicePoint, Shift
from staff.shifts import shift_end_of, shifts_overlapping

Interval = tuple[datetime.datetime, datetime.datetime]

# "A staff member should be at the service desk" is about the desks patrons walk up to. A
# phone line or a chat is no desk: the policy asks to "answer the telephone in a timely
# manner" and puts "patrons who are present in the building" first, so whoever is at the
# desks answers it when nobody is signed on to it. It is never an uncovered desk, and its
# minutes are not kept.
NOT_DESKS = (ServicePoint.Kind.PHONE, ServicePoint.Kind.CHAT)


def needs_someone_at(point: ServicePoint) -> bool:
    """Whether the service point is a desk someone should be at during its open hours."""
    return point.kind not in NOT_DESKS


def _minutes(span: datetime.timedelta) -> int:
    return int(span.total_seconds() // 60)


def coverage_of(period: Interval | None, shifts: Iterable[Interval], *, until: datetime.datetime | None = None) -> tuple[int, int]:
    """(open minutes, uncovered minutes) of one opening period: the minutes of it, up to
    `until` if given (today so far), during which no shift was on. Shifts overlapping each
    other count once; the parts of a shift outside the period do not count."""
    if period is None:
        return 0, 0
    opens, closes = period
    if until is not None:
        closes = min(closes, until)
    if closes <= opens:
        return 0, 0
    covered, reached = datetime.timedelta(0), opens
    for start, end in sorted(shifts):
        start, end = max(start, reached), min(end, closes)
        if start < end:
            covered += end - start
            reached = end
    open_minutes = _minutes(closes - opens)
    return open_minutes, open_minutes - min(open_minutes, _minutes(covered))


def coverage_of_day(
    points: Sequence[ServicePoint], day: datetime.date, *, now: datetime.datetime
) -> dict[int, tuple[int, int]]:
    """(open minutes, uncovered minutes) of each service point on `day`, by id; today's up
    to `now`. Four queries whatever the number of points and shifts."""
    hours = opening_hours_of(points)
    closed = closed_days(day, day)
    start, end = day_bounds(day)
    shifts = _shifts_by_point(points, start, end, now=now)
    until = now if day == timezone.localdate(now) else None
    return {
        point.pk: coverage_of(open_period(day, hours[point.pk], closed), shifts.get(point.pk, ()), until=until)
        for point in points
    }


def _shifts_by_point(points, start, end, *, now) -> dict[int, list[Interval]]:
    rows = Shift.objects.filter(shifts_overlapping(start, end), service_point__in=points).only(
        "service_point_id", "started_at", "ended_at"
    )
    found: dict[int, list[Interval]] = {}
    for shift in rows:
        found.setdefault(shift.service_point_id, []).append((shift.started_at, shift_end_of(shift, now)))
    return found


def first_shift_day() -> datetime.date | None:
    first = Shift.objects.order_by("started_at").values_list("started_at", flat=True).first()
    return timezone.localdate(first) if first else None


def coverage_days_missing(*, until: datetime.date, since: datetime.date | None = None) -> list[tuple[datetime.date, list[ServicePoint]]]:
    """The past days up to `until` (inclusive) that have desks (needs_someone_at) without a kept
    DeskCoverage row, from `since` or the day of the first shift ever recorded (before it,
    nobody signed on anywhere: the days would all count as uncovered, which says nothing)."""
    since = since or first_shift_day()
    if since is None or since > until:
        return []
    points = list(ServicePoint.objects.filter(is_active=True).exclude(kind__in=NOT_DESKS))
    kept = set(
        DeskCoverage.objects.filter(day__gte=since, day__lte=until).values_list("service_point_id", "day")
    )
    days = []
    day = since
    while day <= until:
        missing = [point for point in points if (point.pk, day) not in kept]
        if missing:
            days.append((day, missing))
        day += datetime.timedelta(days=1)
    return days


def coverage_record_past_days(*, until: datetime.date, since: datetime.date | None = None) -> int:
    """Keep the coverage of each service point for each past day that is missing, up to
    `until` (never today: the day is not over). Days already kept are left as they are, so
    running it again changes nothing. Returns the number of rows added."""
    until = min(until, timezone.localdate() - datetime.timedelta(days=1))
    now, added = timezone.now(), 0
    for day, points in coverage_days_missing(until=until, since=since):
        counted = coverage_of_day(points, day, now=now)
        with transaction.atomic():
            added += len(
                DeskCoverage.objects.bulk_create(
                    [
                        DeskCoverage(
                            service_point=point, day=day, open_minutes=counted[point.pk][0],
                            uncovered_minutes=counted[point.pk][1], computed_at=now,
                        )
                        for point in points
                    ],
                    ignore_conflicts=True,
                )
            )
    return added


# Handover notes ---------------------------------------------------------------------------

@transaction.atomic
def handover_note_write(*, by: User, service_point: ServicePoint, text: str) -> HandoverNote:
    """A note for whoever works the service point next: staff serving at its branch."""
    if not may_write_handover_note(by, service_point):
        raise PermissionDenied("You cannot leave a note at that service point.")
    note = HandoverNote(service_point=service_point, text=text.strip(), written_by=by)
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def handover_note_dismiss(*, note: HandoverNote, by: User) -> HandoverNote:
    """Dealt with: the note leaves the console, and says who dismissed it and when."""
    if not may_dismiss_handover_note(by, note):
        raise PermissionDenied("You cannot dismiss a note at that service point.")
    note = HandoverNote.objects.select_for_update().get(pk=note.pk)
    if note.dismissed_at is not None:
        raise ValidationError("This note was already dismissed.")
    note.dismissed_by, note.dismissed_at = by, timezone.now()
    note.save(update_fields=["dismissed_by", "dismissed_at"])
    return note


def handover_notes_to_deidentify(*, before: datetime.datetime):
    return HandoverNote.objects.filter(written_at__lt=before, deidentified_at__isnull=True)


def handover_notes_deidentify(*, before: datetime.datetime) -> int:
    """Handover notes written before the retention period lose their text, like every other
    note; who wrote and dismissed them, and when, stay."""
    pks = list(handover_notes_to_deidentify(before=before).values_list("pk", flat=True))
    return clear_records(HandoverNote, pks, keep={HandoverNote: ()}, deidentified_at=timezone.now())
