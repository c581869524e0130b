"""Desk coverage and handover: the minutes a service point was open with nobody on it, kept
per day for reports, and the notes staff leave for whoever takes the desk next."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class DeskCoverage(models.Model):
    """A service point's day: how many minutes it was open and how many of them nobody was
    signed on to it (staff.Shift). Past days are kept by `manage.py desk_coverage`; today's
    is counted on the coverage board as the day goes. The policy: "During all hours of
    operation, a staff member should be at the service desk." """

    service_point = models.ForeignKey("staff.ServicePoint", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    open_minutes = models.PositiveIntegerField()
    uncovered_minutes = models.PositiveIntegerField()
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-day", "service_point"]
        verbose_name_plural = "desk coverage"
        constraints = [
            models.UniqueConstraint(fields=["service_point", "day"], name="desk_coverage_once_a_day"),
            models.CheckConstraint(
                condition=models.Q(uncovered_minutes__lte=models.F("open_minutes")),
                name="desk_coverage_uncovered_within_open",
            ),
        ]

    def __str__(self):
        return f"{self.service_point} on {self.day}: {self.uncovered_minutes} of {self.open_minutes} minutes uncovered"


class HandoverNote(models.Model):
    """A note for whoever works the service point next ("a patron is coming back at three for
    the tax forms"), shown on its console until someone dismisses it. Free text: retention
    clears it like every other note (desk.services.coverage.handover_notes_deidentify)."""

    service_point = models.ForeignKey("staff.ServicePoint", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(max_length=500)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dismissed_at = models.DateTimeField(null=True, blank=True)
    deidentified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["written_at", "pk"]
        indexes = [models.Index(fields=["service_point", "dismissed_at"], name="handover_note_open_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dismissed_by__isnull=True, dismissed_at__isnull=True)
                | models.Q(dismissed_by__isnull=False, dismissed_at__isnull=False),
                name="handover_note_dismissed_by_whom_and_when",
            ),
        ]

    def __str__(self):
        return f"Handover note at {self.service_point} from {self.written_at:%Y-%m-%d %H:%M}"
