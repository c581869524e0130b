"""Purchase suggestions: "If you are unable to comply with a request, offer an alternative"."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from feedback.models.base import TEXT_MAX_LENGTH, ReplyChannel
from feedback.models.reviews import ReviewRequest
from patrons.models import Patron
from staff.models import Branch


class PurchaseSuggestion(models.Model):
    """A patron's suggestion that the library buy something ("find ways to say yes")."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        ORDERED = "ordered", "Ordered"
        DECLINED = "declined", "Declined"

    # Decided: after the retention period these lose the patron's contact details.
    FINISHED = (Status.ORDERED, Status.DECLINED)

    # The item and the statistical part.
    title = models.CharField(max_length=300)
    creator = models.CharField("author or creator", max_length=300, blank=True)
    format = models.CharField(max_length=20, choices=ReviewRequest.Format.choices, default=ReviewRequest.Format.BOOK)
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="purchase_suggestions")
    received_at = models.DateTimeField(default=timezone.now)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="suggestions_taken")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    # The desk interaction whose alternative offered was this suggestion.
    interaction = models.ForeignKey(
        "interactions.Interaction", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    # The confidential part: who suggested it and how to tell them.
    patron = models.ForeignKey(Patron, on_delete=models.PROTECT, null=True, blank=True, related_name="purchase_suggestions")
    contact_name = models.CharField("patron's name", max_length=200, blank=True)
    contact = models.CharField("e-mail or phone", max_length=254, blank=True)
    tell_by = models.CharField("how to tell them", max_length=20, choices=ReplyChannel.choices, blank=True)

    # The decision; its reason is what the patron is told.
    reason = models.TextField("reason the patron is told", max_length=TEXT_MAX_LENGTH, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    deidentified_at = models.DateTimeField(null=True, blank=True, editable=False)

    version = models.PositiveIntegerField(default=1, editable=False)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["received_at", "pk"]
        indexes = [models.Index(fields=["branch", "status", "received_at"], name="suggestion_list_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(reason=""), name="suggestion_declined_with_reason"
            ),
        ]

    def __str__(self):
        return f"Purchase suggestion {self.reference}"

    @property
    def reference(self) -> str:
        return f"P-{self.pk}"
