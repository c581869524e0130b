"""What the library told a patron, and the templates its responses start from."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from feedback.models.base import TEXT_MAX_LENGTH, ReplyChannel
from feedback.models.cards import CommentCard
from feedback.models.complaints import Complaint
from feedback.models.reviews import ReviewRequest


class Reply(models.Model):
    """What the library told the patron, and how: sent by e-mail, or given in person, by phone
    or by letter. Only a response to the patron is ever a reply; internal notes never are."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    review = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    card = models.ForeignKey(CommentCard, on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    channel = models.CharField(max_length=20, choices=ReplyChannel.choices)
    body = models.TextField(max_length=TEXT_MAX_LENGTH * 2)
    sent_to = models.CharField("sent to", max_length=254, blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(complaint__isnull=False, review__isnull=True, card__isnull=True)
                | models.Q(complaint__isnull=True, review__isnull=False, card__isnull=True)
                | models.Q(complaint__isnull=True, review__isnull=True, card__isnull=False),
                name="reply_to_one_record",
            ),
        ]


class ReplyTemplate(models.Model):
    """An editable starting text for a response to a patron. `{name}`, `{reference}` and
    `{branch}` are filled in when the draft is made; a decision letter also has `{decision}`,
    `{reasons}` and `{appeal_by}`; a complaint response and a decision letter, `{next_step}`
    (what the patron may do next, worded by who sends it: letter_rules.py). A subject never
    gets `{name}`. "[...]" is an instruction to the writer: no letter leaves with one in it."""

    class Kind(models.TextChoices):
        COMPLAINT_ACKNOWLEDGE = "complaint_acknowledge", "Complaint: acknowledgment"
        COMPLAINT_RESPONSE = "complaint_response", "Complaint: response"
        REVIEW_ACKNOWLEDGE = "review_acknowledge", "Review request: acknowledgment"
        REVIEW_DECISION = "review_decision", "Review request: decision letter"
        REVIEW_APPEAL_DECISION = "review_appeal_decision", "Review request: appeal decision letter"
        CARD_REPLY = "card_reply", "Comment card: reply"

    kind = models.CharField(max_length=30, choices=Kind.choices, unique=True)
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=TEXT_MAX_LENGTH)

    class Meta:
        ordering = ["kind"]

    def __str__(self):
        return self.get_kind_display()
