"""Every e-mail the app sends, kept as a row until the mail server has taken it (README.md,
The outbox). The task that sends it carries only the row's id: task rows hold no patron text."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Message(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    class Role(models.TextChoices):
        PATRON = "patron", "Patron"
        STAFF = "staff", "Staff"

    subject = models.CharField(max_length=255)
    # The letter and its addresses, until the mail server has them: cleared once sent (the
    # letters themselves are kept on their records' timelines), and by `deidentify` when a
    # message failed for good and is older than the retention period.
    body = models.TextField(blank=True)
    recipients = models.TextField(blank=True, help_text="Comma-separated addresses.")
    role = models.CharField(max_length=6, choices=Role.choices)
    # The branch whose record the message is about, when there is one: supervisors see their
    # branch's messages. Named by app label, not imported: staff stands on a higher floor.
    branch = models.ForeignKey("staff.Branch", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The last failure, with the recipients' addresses taken out.
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # A worker sending it holds it until then; another worker leaves it alone meanwhile.
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    retried_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_status_due_idx")]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.subject}"

    @property
    def addresses(self) -> list[str]:
        return [address for address in self.recipients.split(",") if address]
