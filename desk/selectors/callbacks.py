"""Reads of phone callbacks, each starting from what the viewer may see
(staff.access.callback_scope), so that the console, the list and a callback's page never
disagree. Lists show the statistical part only (where, due, who, status): the caller's name,
number and need are read on the callback's page, through staff.confidential."""

import datetime

from django.contrib.auth.models import User
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from desk.models import Callback, CallbackStep
from servicedesk.lib.counts import bounded_counts
from servicedesk.lib.dates import day_bounds
from staff import access
from staff.confidential import get_visible_or_404
from staff.models import ServicePoint

MINE, HERE, ALL, OVERDUE = "mine", "here", "all", "overdue"
OPEN, FINISHED = "open", "finished"
SCHEDULED = Callback.Status.SCHEDULED
# The console shows this many; the list has the rest.
CONSOLE_ROWS = 8
ROW_FIELDS = (
    "due_at", "created_at", "finished_at", "status", "attempts", "branch_id", "service_point__name",
    "assigned_to__username", "assigned_to__first_name", "assigned_to__last_name",
)


def callbacks_visible_to(viewer: User) -> QuerySet[Callback]:
    """Every callback the viewer may see (staff.access.callback_scope)."""
    return Callback.objects.filter(access.callback_scope(viewer))


def get_callback_for(viewer: User, pk: int, *, may=None) -> Callback:
    """The callback, if the viewer may see it (with `may`, a staff.access predicate: do that
    to it); otherwise 404, exactly as for one that does not exist."""
    return get_visible_or_404(
        viewer,
        callbacks_visible_to(viewer).select_related(
            "branch", "service_point", "created_by", "assigned_to", "done_interaction__kind"
        ),
        pk,
        may=may,
        message="No callback here.",
    )


def overdue(now: datetime.datetime) -> Q:
    return Q(status=SCHEDULED, due_at__lt=now)


def _rows(callbacks: QuerySet) -> QuerySet:
    """Open ones first, soonest due (so the overdue ones) at the top; then the finished ones."""
    return (
        callbacks.select_related("service_point", "assigned_to")
        .only(*ROW_FIELDS)
        .annotate(finished=Case(When(status=SCHEDULED, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("finished", "due_at", "pk")
    )


def callback_list(
    *, viewer: User, show: str = ALL, status: str = OPEN, service_point: ServicePoint | None = None,
    branch_id: int | None = None,
) -> tuple[QuerySet, dict]:
    """The callbacks the viewer may see (of one branch, with `branch_id`), `show`n: assigned to
    them (MINE), at their service point (HERE), OVERDUE ones, or ALL; and how many open ones
    each of those holds. Two queries whatever the number of callbacks, plus the page."""
    now = timezone.now()
    callbacks = callbacks_visible_to(viewer)
    if branch_id:
        callbacks = callbacks.filter(branch_id=branch_id)
    buckets = {
        MINE: Q(assigned_to=viewer),
        # Without a service point chosen, none (a callback always has one).
        HERE: Q(service_point=service_point) if service_point else Q(service_point__isnull=True),
        OVERDUE: overdue(now),
        ALL: Q(),
    }
    counts = bounded_counts(callbacks.filter(status=SCHEDULED), buckets)
    callbacks = callbacks.filter(buckets[show])
    if status == OPEN:
        callbacks = callbacks.filter(status=SCHEDULED)
    elif status == FINISHED:
        callbacks = callbacks.filter(status__in=Callback.FINISHED)
    return _rows(callbacks), counts


def console_callbacks(*, viewer: User, service_point: ServicePoint) -> dict:
    """The console's callbacks: the open ones due today or overdue, at this service point or
    assigned to the viewer; for a supervisor of the branch (and the Director), every overdue
    one of the branch too ("overdue callbacks appear to the branch's supervisor"). One query
    whatever the number of callbacks."""
    now = timezone.now()
    _, end_of_today = day_bounds(timezone.localdate(now))
    wanted = (Q(service_point=service_point) | Q(assigned_to=viewer)) & Q(due_at__lt=end_of_today)
    if access.watches_overdue_callbacks(viewer, service_point.branch_id):
        wanted |= Q(branch_id=service_point.branch_id, due_at__lt=now)
    rows = list(_rows(callbacks_visible_to(viewer).filter(wanted, status=SCHEDULED))[: CONSOLE_ROWS + 1])
    return {"callbacks": rows[:CONSOLE_ROWS], "more_callbacks": len(rows) > CONSOLE_ROWS, "now": now}


def callback_timeline(callback: Callback) -> list[CallbackStep]:
    return list(callback.steps.select_related("by"))
