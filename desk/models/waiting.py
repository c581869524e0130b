"""Waiting patrons: who is waiting at a service point, since when, whether someone told them
"I'll be with you as soon as possible", and how their wait ended. The policy: "If you are
helping others, acknowledge patrons that are waiting ... you will be with them as soon as
possible"; "Patrons who are present in the building take precedence over telephone inquiries."

The label (a first name or a short description) is what colleagues at the desk call out: it
is shown to everyone working at the branch's desks while the patron waits, and cleared by the
retention run afterwards (desk.services.waiting.waiting_deidentify). The times and who acted
are the statistical part: reports read the wait of a served patron (ended_at - added_at, status
served) and how soon patrons were acknowledged (acknowledged_at - added_at)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from staff.models import Branch, ServicePoint

LABEL_MAX_LENGTH = 60


class WaitingPatron(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        SERVED = "served", "Served"
        LEFT = "left", "Left without being served"

    service_point = models.ForeignKey(ServicePoint, on_delete=models.PROTECT, related_name="+")
    # The service point's branch when the patron was added, stamped then and never moved.
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="+")
    label = models.CharField("first name or short description", max_length=LABEL_MAX_LENGTH)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    # When and by whom the wait ended: served, or gone without being served (status says which).
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    deidentified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["added_at", "pk"]
        indexes = [
            # The console's list: who is still waiting at this service point, oldest first.
            models.Index(
                fields=["service_point", "added_at"], name="waiting_now_idx", condition=Q(status="waiting")
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True, acknowledged_by__isnull=True)
                | Q(acknowledged_at__isnull=False, acknowledged_by__isnull=False),
                name="waiting_acknowledged_when_and_by",
            ),
            models.CheckConstraint(
                condition=Q(status="waiting", ended_at__isnull=True, ended_by__isnull=True)
                | Q(status__in=["served", "left"], ended_at__isnull=False, ended_by__isnull=False),
                name="waiting_ended_when_and_by",
            ),
        ]

    def __str__(self):
        return self.label
