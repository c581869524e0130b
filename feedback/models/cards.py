"""Comment cards and their timeline."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from feedback.models.base import TEXT_MAX_LENGTH
from feedback.models.complaints import Complaint
from feedback.models.suggestions import PurchaseSuggestion
from servicedesk.lib.workflow import TimelineStep
from staff.models import Branch


class CommentCard(models.Model):
    """A patron's comment card: filled in at the kiosk (perhaps anonymously) or typed in by
    staff from a paper card. "Listen courteously to patron suggestions and encourage them to
    fill out comment cards." """

    class Kind(models.TextChoices):
        SUGGESTION = "suggestion", "Suggestion"
        COMPLIMENT = "compliment", "Compliment"
        COMPLAINT = "complaint", "Complaint"
        QUESTION = "question", "Question"

    class Status(models.TextChoices):
        NEW = "new", "New"
        THANKED = "thanked", "Thanked"
        IN_ACTION = "in_action", "In action"
        REPLIED = "replied", "Replied"
        CLOSED = "closed", "Closed"

    OPEN = (Status.NEW, Status.THANKED, Status.IN_ACTION)

    class Source(models.TextChoices):
        KIOSK = "kiosk", "Kiosk"
        PAPER = "paper", "Paper card"

    NAME_MAX_LENGTH = 100
    CONTACT_MAX_LENGTH = 254

    # The statistical part.
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="comment_cards")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    source = models.CharField(max_length=10, choices=Source.choices)
    received_at = models.DateTimeField(default=timezone.now)
    # Who typed in a paper card; nobody for a kiosk card.
    typed_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="cards_typed_in"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    # Only when the patron wants a reply.
    reply_by = models.DateField(null=True, blank=True)
    complaint = models.OneToOneField(
        Complaint, on_delete=models.SET_NULL, null=True, blank=True, related_name="comment_card"
    )
    suggestion = models.OneToOneField(
        PurchaseSuggestion, on_delete=models.SET_NULL, null=True, blank=True, related_name="comment_card"
    )

    # The confidential part.
    comment = models.TextField(max_length=TEXT_MAX_LENGTH)
    name = models.CharField(max_length=NAME_MAX_LENGTH, blank=True)
    contact = models.CharField("e-mail or phone", max_length=CONTACT_MAX_LENGTH, blank=True)
    wants_reply = models.BooleanField("the patron wants a reply", default=False)
    # A salted hash of the kiosk's address, for the rate limit: never the address itself.
    sent_from = models.CharField(max_length=64, blank=True, editable=False)
    deidentified_at = models.DateTimeField(null=True, blank=True, editable=False)

    version = models.PositiveIntegerField(default=1, editable=False)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["received_at", "pk"]
        indexes = [
            models.Index(fields=["branch", "status", "received_at"], name="card_queue_idx"),
            models.Index(fields=["sent_from", "received_at"], name="card_rate_limit_idx"),
            # The queue, oldest first, where card_queue_idx does not serve (the Director, a status
            # set, a supervisor's cards typed in elsewhere): 25 rows read in order, not every
            # visible card sorted (5.8 ms -> 0.05 ms for the Director at 10,000 cards).
            models.Index(fields=["received_at", "id"], name="card_received_idx"),
        ]

    def __str__(self):
        return f"Comment card {self.reference}"

    @property
    def reference(self) -> str:
        return f"K-{self.pk}"


class CommentCardStep(TimelineStep):
    """One step of a card's triage: who did what, when, with an internal note (never sent)."""

    card = models.ForeignKey(CommentCard, on_delete=models.CASCADE, related_name="steps")
