"""The demo's phone callbacks at Main: a few due today (one assigned to a person, one to the
phone line), one overdue, and some finished (done with the call logged, closed after calls
without an answer, cancelled). Made through the services; found again by submission key."""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from desk.models import Callback
from desk.services import callbacks as services
from interactions import rollup
from interactions.models import Interaction, InteractionKind
from policy.checklists import ticks_move
from staff.calendar import open_period, opening_hours

NAMESPACE = uuid.UUID("7b4a64c2-1f8e-4d0b-9a57-0c2b7f3e5d11")


def _key(name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, name)


# name -> (service point, taken by, assigned to, caller, number, need, hours from now it is due)
SCHEDULED = {
    "cb-tax-forms": (
        ("main", "Circulation desk"), "desk", "desk", "Harold Benn", "555-0112",
        "Wants to know whether the state tax forms have arrived and how many copies he may take.", 1,
    ),
    "cb-genealogy": (
        ("main", "Reference desk"), "desk2", None, "Lucia Ferrante", "555-0178",
        "Looking for the 1920 city directory on microfilm; asks whether it can be reserved for Saturday.", 3,
    ),
    "cb-room": (
        ("main", "Phone line"), "supervisor", None, "Mr Adeyemi", "555-0190",
        "Book club wants the small meeting room on the first Tuesday of each month.", 2,
    ),
    "cb-overdue": (
        ("main", "Circulation desk"), "desk2", "desk", "Dana Whitlock", "555-0133",
        "Asked to be told when the large-print copy of her reserved novel is ready.", 1,
    ),
    "cb-done": (
        ("main", "Circulation desk"), "desk", None, "Ines Moreau", "555-0145",
        "Which e-book app works with her new tablet?", 1,
    ),
    "cb-no-answer": (
        ("main", "Reference desk"), "desk2", "desk2", "Sam Okoro", "555-0166",
        "Wants a list of the branch's job-search workshops.", 1,
    ),
    "cb-cancelled": (
        ("main", "Phone line"), "supervisor", None, "Ruth Calder", "555-0121",
        "Question about a lost card.", 1,
    ),
}


def _earlier_open_moment(point, now: datetime.datetime) -> datetime.datetime:
    """An hour after the desk opened on its last open day before today: when the demo's done
    callback was made, so that its call sits in the log among the other demo interactions."""
    hours, day = opening_hours(point), timezone.localdate(now)
    for _ in range(14):
        day -= datetime.timedelta(days=1)
        period = open_period(day, hours, frozenset())
        if period is not None:
            return period[0] + datetime.timedelta(hours=1)
    return now - datetime.timedelta(days=1)


def _backdate_done(callback: Callback, now: datetime.datetime) -> None:
    """Taken and done on the desk's last open day: the callback, its steps and its call (with
    its checklist's day, and its place in the reports' counts)."""
    done_at = _earlier_open_moment(callback.service_point, now)
    taken_at = done_at - datetime.timedelta(minutes=30)
    Callback.objects.filter(pk=callback.pk).update(created_at=taken_at, due_at=done_at, finished_at=done_at)
    callback.steps.filter(action="scheduled").update(at=taken_at)
    callback.steps.filter(action="done").update(at=done_at)
    with transaction.atomic(), rollup.recounting([callback.done_interaction_id]):
        Interaction.objects.filter(pk=callback.done_interaction_id).update(occurred_at=done_at, created_at=done_at)
        ticks_move(record=callback.done_interaction, day=timezone.localdate(done_at))


def ensure_demo_callbacks(*, users: dict, points: dict, now: datetime.datetime) -> int:
    """The demo callbacks not made yet; returns how many were added."""
    made = set(Callback.objects.filter(submission_key__in=[_key(name) for name in SCHEDULED]).values_list("submission_key", flat=True))
    added = 0
    for name, (point, taken_by, assignee, caller, phone, need, hours) in SCHEDULED.items():
        if _key(name) in made:
            continue
        callback = services.callback_schedule(
            by=users[taken_by], service_point=points[point], caller_name=caller, caller_phone=phone, need=need,
            due_at=now + datetime.timedelta(hours=hours), assigned_to=users[assignee] if assignee else None,
            submission_key=_key(name),
        )
        added += 1
        if name == "cb-overdue":
            # Taken yesterday, due this morning: nobody has called yet.
            Callback.objects.filter(pk=callback.pk).update(
                created_at=now - datetime.timedelta(days=1), due_at=now - datetime.timedelta(hours=2)
            )
            callback.steps.update(at=now - datetime.timedelta(days=1))
        elif name == "cb-done":
            services.callback_done(
                callback=callback, by=users["desk"], version=callback.version, duration_minutes=4,
                kind=InteractionKind.objects.get(name="Technology"),
                result="Talked her through installing the library's e-book app; she borrowed her first title.",
            )
            _backdate_done(callback, now)
        elif name == "cb-no-answer":
            while callback.status == Callback.Status.SCHEDULED:
                services.callback_no_answer(callback=callback, by=users["desk2"], version=callback.version, note="Rang out.")
        elif name == "cb-cancelled":
            services.callback_cancel(
                callback=callback, by=users["supervisor"], version=callback.version,
                reason="She came in to the desk before we could call.",
            )
    return added
