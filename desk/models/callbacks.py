"""Phone callbacks: "If you are unable to work on a caller's request immediately, offer to call
them back." Who to call, about what, by when, and what came of it; its steps are a timeline
on the workflow kernel (desk/services/callback_rules.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from interactions.models import Interaction
from servicedesk.lib.workflow import TEXT_MAX_LENGTH, TimelineStep
from staff.models import Branch, ServicePoint


class Callback(models.Model):
    """A call the library owes a patron. The statistical part: where, when it was taken and
    due, who it is assigned to, the status and the attempts. The confidential part: the
    caller's name and number, what they need and the result (read through
    staff.confidential.callback_contact)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        DONE = "done", "Done"
        UNANSWERED = "unanswered", "Closed: no answer"
        CANCELLED = "cancelled", "Cancelled"

    FINISHED = (Status.DONE, Status.UNANSWERED, Status.CANCELLED)

    NAME_MAX_LENGTH = 200
    PHONE_MAX_LENGTH = 50

    # The statistical part. The branch is stamped from the service point and never moves.
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="callbacks")
    service_point = models.ForeignKey(ServicePoint, on_delete=models.PROTECT, related_name="callbacks")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="callbacks_taken")
    due_at = models.DateTimeField()
    # Nobody: the service point's, for whoever is on it.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="callbacks_assigned"
    )
    # The desk interaction it was offered in ("callback scheduled"), and the call that answered it.
    interaction = models.ForeignKey(
        Interaction, on_delete=models.SET_NULL, null=True, blank=True, related_name="callbacks_offered"
    )
    done_interaction = models.OneToOneField(
        Interaction, on_delete=models.SET_NULL, null=True, blank=True, related_name="callback_done"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    attempts = models.PositiveSmallIntegerField("calls without an answer", default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    # The confidential part.
    caller_name = models.CharField("caller's name", max_length=NAME_MAX_LENGTH)
    caller_phone = models.CharField("number to call", max_length=PHONE_MAX_LENGTH)
    need = models.TextField("what they need", max_length=TEXT_MAX_LENGTH)
    result = models.TextField(max_length=TEXT_MAX_LENGTH, blank=True)
    # Why it closed without being done (cancelled, or no answer after the attempts).
    reason = models.TextField(max_length=TEXT_MAX_LENGTH, blank=True)
    deidentified_at = models.DateTimeField(null=True, blank=True, editable=False)

    version = models.PositiveIntegerField(default=1, editable=False)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(fields=["branch", "status", "due_at"], name="callback_branch_due_idx"),
            models.Index(fields=["service_point", "status", "due_at"], name="callback_point_due_idx"),
            models.Index(fields=["assigned_to", "status", "due_at"], name="callback_assignee_due_idx"),
        ]

    def __str__(self):
        return f"Callback {self.reference}"

    @property
    def reference(self) -> str:
        return f"CB-{self.pk}"

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.SCHEDULED and self.due_at < timezone.now()


class CallbackStep(TimelineStep):
    """One step of a callback: a call without an answer, a new due time, done, cancelled."""

    callback = models.ForeignKey(Callback, on_delete=models.CASCADE, related_name="steps")
