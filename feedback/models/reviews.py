"""Collection-review requests (requests for reconsideration), their committee and timeline."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from feedback.models.base import TEXT_MAX_LENGTH
from patrons.models import Patron
from servicedesk.lib.workflow import TimelineStep
from staff.models import Branch


class ReviewRequest(models.Model):
    """A request for reconsideration of an item in the collection. The item stays available
    while it is under review."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        COMMITTEE = "committee", "Committee reviewing"
        DECIDED = "decided", "Decided"
        NOTIFIED = "notified", "Decision letter sent"
        APPEALED = "appealed", "Appealed to the Director"
        APPEAL_DECIDED = "appeal_decided", "Appeal decided"
        APPEAL_NOTIFIED = "appeal_notified", "Appeal decision letter sent"
        CLOSED = "closed", "Closed"

    OPEN = (Status.RECEIVED, Status.ACKNOWLEDGED, Status.COMMITTEE, Status.DECIDED, Status.APPEALED)

    class Format(models.TextChoices):
        BOOK = "book", "Book"
        EBOOK = "ebook", "E-book"
        AUDIOBOOK = "audiobook", "Audiobook"
        DVD = "dvd", "DVD or video"
        MUSIC = "music", "Music"
        MAGAZINE = "magazine", "Magazine or newspaper"
        GAME = "game", "Game"
        DATABASE = "database", "Database or website"
        OTHER = "other", "Other"

    class Represents(models.TextChoices):
        SELF = "self", "Themselves"
        GROUP = "group", "A group or organisation"

    class WholeItem(models.TextChoices):
        YES = "yes", "Yes, the whole item"
        PARTLY = "partly", "Parts of it"
        NO = "no", "No"

    class Action(models.TextChoices):
        WITHDRAW = "withdraw", "Withdraw it from the collection"
        RELOCATE = "relocate", "Move it to another part of the library"
        RECLASSIFY = "reclassify", "Reclassify it (e.g. another age group)"
        OTHER = "other", "Something else"

    class Decision(models.TextChoices):
        RETAIN = "retain", "Retain"
        RELOCATE = "relocate", "Relocate"
        RECLASSIFY = "reclassify", "Reclassify"
        WITHDRAW = "withdraw", "Withdraw"

    # The item and the statistical part.
    title = models.CharField(max_length=300)
    creator = models.CharField("author or creator", max_length=300, blank=True)
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.BOOK)
    identifier = models.CharField("call number or identifier", max_length=100, blank=True)
    # The title folded for "reviewed in the last 12 months" (patrons.names.name_key).
    title_key = models.CharField(max_length=300, db_index=True, editable=False)
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="review_requests")
    received_at = models.DateTimeField(default=timezone.now)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews_taken")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    acknowledge_by = models.DateField()
    decide_by = models.DateField()
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="reviews_chaired"
    )

    # The requester: the confidential part.
    patron = models.ForeignKey(Patron, on_delete=models.PROTECT, null=True, blank=True, related_name="review_requests")
    # Blank only once de-identified: the request form requires it.
    requester_name = models.CharField(max_length=200, blank=True)
    requester_email = models.EmailField("e-mail", blank=True)
    requester_phone = models.CharField("phone", max_length=40, blank=True)
    requester_address = models.TextField("postal address", max_length=500, blank=True)
    represents = models.CharField(max_length=10, choices=Represents.choices, default=Represents.SELF)
    group_name = models.CharField("group or organisation", max_length=200, blank=True)

    # The request, as the requester wrote it.
    concern = models.TextField("what the concern is", max_length=TEXT_MAX_LENGTH)
    concern_location = models.TextField("where in the item (pages, minutes, chapters)", max_length=TEXT_MAX_LENGTH, blank=True)
    whole_item = models.CharField(
        "read, viewed or listened to the whole item", max_length=10, choices=WholeItem.choices
    )
    effect = models.TextField("what they believe the effect of the item might be", max_length=TEXT_MAX_LENGTH, blank=True)
    aware_of_reviews = models.TextField("professional reviews they know of", max_length=TEXT_MAX_LENGTH, blank=True)
    requested_action = models.CharField("what they ask the library to do", max_length=20, choices=Action.choices)
    requested_action_other = models.CharField("something else: what", max_length=300, blank=True)
    alternative_title = models.CharField("a title they would suggest instead", max_length=300, blank=True)

    # The decision and the appeal.
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decision_reasons = models.TextField("reasons for the decision", max_length=TEXT_MAX_LENGTH, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField("decision letter sent", null=True, blank=True)
    appeal_by = models.DateField("appeal window ends", null=True, blank=True)
    appeal_reasons = models.TextField("grounds of the appeal", max_length=TEXT_MAX_LENGTH, blank=True)
    appeal_decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    appeal_decision_reasons = models.TextField("reasons for the appeal decision", max_length=TEXT_MAX_LENGTH, blank=True)
    appeal_decided_at = models.DateTimeField(null=True, blank=True)
    appeal_letter_by = models.DateField("tell the requester the appeal decision by", null=True, blank=True)
    appeal_notified_at = models.DateTimeField("appeal decision letter sent", null=True, blank=True)
    board_note = models.TextField(
        "board step", max_length=TEXT_MAX_LENGTH, blank=True, help_text="If the requester goes on to the board."
    )
    published = models.BooleanField("on the public list of decisions", default=False)
    deidentified_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The request form's own key: sent twice (a double click, a resend), it takes one request.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["received_at", "pk"]
        indexes = [
            models.Index(fields=["branch", "status", "received_at"], name="review_queue_idx"),
        ]

    def __str__(self):
        return f"Review request #{self.pk}"

    @property
    def reference(self) -> str:
        """What the requester quotes: on their copy, in letters and e-mail subjects."""
        return f"R-{self.pk}"

    def clean(self):
        errors = {}
        if self.represents == self.Represents.GROUP and not self.group_name.strip():
            errors["group_name"] = "Name the group or organisation the requester speaks for."
        if self.requested_action == self.Action.OTHER and not self.requested_action_other.strip():
            errors["requested_action_other"] = "Say what else the requester asks the library to do."
        if errors:
            raise ValidationError(errors)


class Reviewer(models.Model):
    """A member of a review committee and what they recorded: they recommend one of the
    decisions the chair or the Director may take."""

    review = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="reviewers")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews_assigned")
    read_whole_item = models.BooleanField("read, viewed or listened to the whole item", default=False)
    consulted_reviews = models.BooleanField("consulted professional reviews", default=False)
    recommendation = models.CharField(max_length=20, choices=ReviewRequest.Decision.choices, blank=True)
    comments = models.TextField(max_length=TEXT_MAX_LENGTH, blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)
    # Bumped by every recorded recommendation; a save from an older copy (another tab) is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "reviewer"], name="reviewer_once_per_review"),
        ]


class ReviewStep(TimelineStep):
    """One step of a review request's timeline."""

    review = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="steps")
