"""Complaints and their timeline."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone

from feedback.models.base import TEXT_MAX_LENGTH
from patrons.models import Patron
from servicedesk.lib.workflow import TimelineStep
from staff.models import Branch, ServicePoint


class Complaint(models.Model):
    """A patron's expression of dissatisfaction with a service, policy or staff action."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        IN_PROGRESS = "in_progress", "In progress"
        RESOLVED = "resolved", "Resolved"
        ESCALATED = "escalated", "Escalated to the Director"
        DECIDED = "decided", "Decided by the Director"
        CLOSED = "closed", "Closed"

    # Still to be worked on, the Director's escalation queue included. Which of them are
    # overdue is decided in feedback/services/complaint_rules.py.
    OPEN = (Status.NEW, Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.ESCALATED)

    class Source(models.TextChoices):
        DESK = "desk", "At the desk"
        PHONE = "phone", "By phone"
        COMMENT_CARD = "comment_card", "Comment card"
        EMAIL = "email", "E-mail"
        LETTER = "letter", "Letter"

    # The statistical part.
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="complaints")
    service_point = models.ForeignKey(
        ServicePoint, on_delete=models.PROTECT, null=True, blank=True, related_name="complaints",
        help_text="Where it happened.",
    )
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.DESK)
    occurred_on = models.DateField("when it happened", default=timezone.localdate)
    received_at = models.DateTimeField(default=timezone.now)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="complaints_taken")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="complaints_assigned"
    )
    acknowledge_by = models.DateField()
    resolve_by = models.DateField("resolve or escalate by")
    wants_director = models.BooleanField("the patron asked to speak to the Director", default=False)
    policy_reference = models.CharField("library policy it concerns", max_length=200, blank=True)
    # When its timeline first took the steps the reports measure (complaint_rules.FIRST_STEPS):
    # written with the step by the workflow, counted again from the steps by
    # `manage.py rebuild_complaint_times`. A reopened complaint keeps its first resolution.
    acknowledged_at = models.DateTimeField(null=True, blank=True, editable=False)
    settled_at = models.DateTimeField("first resolved or escalated", null=True, blank=True, editable=False)
    escalated_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)

    # The confidential part.
    patron = models.ForeignKey(Patron, on_delete=models.PROTECT, null=True, blank=True, related_name="complaints")
    contact_name = models.CharField("patron's name", max_length=200, blank=True)
    contact_email = models.EmailField("e-mail", blank=True)
    contact_phone = models.CharField("phone", max_length=40, blank=True)
    contact_address = models.TextField("postal address", max_length=500, blank=True)
    wants_reply = models.BooleanField("the patron wants an answer", default=False)
    what_happened = models.TextField(max_length=TEXT_MAX_LENGTH)
    staff_involved = models.CharField(max_length=200, blank=True)
    desired_outcome = models.TextField("what the patron would like", max_length=TEXT_MAX_LENGTH, blank=True)
    # The response to the patron, drafted here and sent through a Reply. Internal notes live
    # on the steps (ComplaintStep.note) and are never sent.
    response = models.TextField("response to the patron", max_length=TEXT_MAX_LENGTH, blank=True)
    decision = models.TextField("the Director's decision", max_length=TEXT_MAX_LENGTH, blank=True)
    deidentified_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Bumped by every save through the services; an edit from an older copy is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    # The take form's key: the same form sent twice takes one complaint, not two.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # How it was handled: the policy's ticks name this record.
    checklist_ticks = GenericRelation("policy.ChecklistTick", related_query_name="complaint")

    class Meta:
        ordering = ["received_at", "pk"]
        indexes = [
            models.Index(fields=["branch", "status", "received_at"], name="complaint_queue_idx"),
            # The Director's queue, every branch, oldest or newest first: 25 rows read, not all sorted.
            models.Index(fields=["received_at", "id"], name="complaint_received_idx"),
        ]

    def __str__(self):
        return f"Complaint {self.reference}"

    @property
    def reference(self) -> str:
        """How staff and the patron name it: in letters, e-mail subjects and on the phone."""
        return f"C-{self.pk}"


class ComplaintStep(TimelineStep):
    """One step of a complaint's timeline: who moved it where, when, and an internal note."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="steps")
    # Who it was assigned to, on an assignment step.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
