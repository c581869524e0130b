"""Reads of complaints, each starting from what the viewer may see (staff.access), so that
the queue, the escalation queue, the detail page and the digest never disagree about scope."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils import timezone

from feedback.models import Complaint, Reply, ReplyChannel
from feedback.services.complaint_rules import STEP_LABELS, acknowledgment_overdue, overdue, resolution_overdue
from servicedesk.lib.counts import bounded_counts
from staff import access
from staff.confidential import get_visible_or_404

Status = Complaint.Status


def with_deadlines(complaints: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """Each complaint marked with which deadline it has missed, if any."""
    today = today or timezone.localdate()
    return complaints.annotate(
        acknowledgment_late=ExpressionWrapper(acknowledgment_overdue(today), output_field=BooleanField()),
        resolution_late=ExpressionWrapper(resolution_overdue(today), output_field=BooleanField()),
    )


def complaints_visible_to(viewer: User) -> QuerySet[Complaint]:
    """Every complaint the viewer may see (staff.access.complaint_scope)."""
    return Complaint.objects.filter(access.complaint_scope(viewer))


def get_complaint_for(viewer: User, pk: int, *, work: bool = False) -> Complaint:
    """The complaint, if the viewer may see it (with work=True: work on it); otherwise 404,
    exactly as for one that does not exist, so that scope never reveals existence."""
    return get_visible_or_404(
        viewer,
        with_deadlines(complaints_visible_to(viewer)).select_related(
            "branch", "service_point", "taken_by", "assigned_to", "patron"
        ),
        pk,
        may=access.may_work_complaint if work else None,
        message="No complaint here.",
    )


# The queues ---------------------------------------------------------------------------------

OPEN = "open"
ALL = "all"


@dataclass(frozen=True)
class QueueFilter:
    status: str = OPEN
    overdue: bool = False
    mine: bool = False
    service_point_id: int | None = None
    newest_first: bool = False
    branch_id: int | None = None


def complaint_queue(*, viewer: User, criteria: QueueFilter, escalated_only: bool = False) -> tuple[QuerySet, dict]:
    """The complaints the viewer may see, filtered and sorted by age, and the counts by status
    and overdue over the same scope before the status and overdue filters (so each count
    says what choosing it would show). The statistical part only: the queue shows no patron
    and no words of theirs. Two queries whatever the number of complaints, plus the page."""
    today = timezone.localdate()
    complaints = complaints_visible_to(viewer)
    if escalated_only:
        complaints = complaints.filter(status=Status.ESCALATED)
    if criteria.mine:
        complaints = complaints.filter(assigned_to=viewer)
    if criteria.service_point_id:
        complaints = complaints.filter(service_point_id=criteria.service_point_id)
    if criteria.branch_id:
        complaints = complaints.filter(branch_id=criteria.branch_id)
    counts = _counts(complaints, today)
    if criteria.status == OPEN:
        complaints = complaints.filter(status__in=Complaint.OPEN)
    elif criteria.status != ALL:
        complaints = complaints.filter(status=criteria.status)
    if criteria.overdue:
        complaints = complaints.filter(overdue(today))
    order = ["-received_at", "-pk"] if criteria.newest_first else ["received_at", "pk"]
    rows = (
        with_deadlines(complaints, today)
        .select_related("branch", "service_point", "assigned_to")
        .only(
            "received_at",
            "status",
            "acknowledge_by",
            "resolve_by",
            "wants_director",
            "policy_reference",
            "source",
            "branch__name",
            "service_point__name",
            "assigned_to__username",
            "assigned_to__first_name",
            "assigned_to__last_name",
        )
        .order_by(*order)
    )
    return rows, counts


def _counts(complaints: QuerySet, today: datetime.date) -> dict:
    """Bounded (servicedesk/lib/counts.py): the Director's "all" is every complaint ever taken."""
    totals = bounded_counts(complaints, {
        "overdue": overdue(today),
        "open": Q(status__in=Complaint.OPEN),
        "all": Q(),
        **{status: Q(status=status) for status in Status.values},
    })
    return {
        "by_status": [(value, label, totals[value]) for value, label in Status.choices],
        "open": totals["open"],
        "all": totals["all"],
        "overdue": totals["overdue"],
        "escalated": totals[Status.ESCALATED],
    }


# The timeline --------------------------------------------------------------------------------

@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    by: object
    label: str
    note: str = ""
    assignee: object = None
    reply: Reply | None = None


def complaint_timeline(complaint: Complaint) -> list[TimelineEntry]:
    """Steps and replies, oldest first: who did what and when. A step's internal note and a
    reply's text (what the patron was sent) stay apart, each as what it is."""
    entries = [
        TimelineEntry(at=step.at, by=step.by, label=STEP_LABELS.get(step.action, step.action), note=step.note, assignee=step.assignee)
        for step in complaint.steps.select_related("by", "assignee")
    ]
    entries += [
        TimelineEntry(at=reply.at, by=reply.by, label=REPLY_LABELS[reply.channel], reply=reply)
        for reply in complaint.replies.select_related("by")
    ]
    return sorted(entries, key=lambda entry: entry.at)


REPLY_LABELS = {
    ReplyChannel.EMAIL: "Response sent by e-mail",
    ReplyChannel.IN_PERSON: "Response given in person",
    ReplyChannel.PHONE: "Response given by phone",
    ReplyChannel.LETTER: "Response sent by letter",
}


# The digest ----------------------------------------------------------------------------------

def complaints_for_digest(today: datetime.date | None = None) -> list[Complaint]:
    """Every overdue complaint and every escalated one, once, with what the digest says of it."""
    today = today or timezone.localdate()
    return list(
        with_deadlines(Complaint.objects.filter(overdue(today) | Q(status=Status.ESCALATED)), today)
        .select_related("branch", "service_point", "assigned_to")
        .order_by("branch__name", "received_at", "pk")
    )
