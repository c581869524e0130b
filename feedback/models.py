"""The feedback workflows: complaints (to the Director when needed), collection-review
requests (requests for reconsideration), comment cards and purchase suggestions. Each record
has a statistical part (when, where, status, deadlines) and a confidential part (the patron
and their contact details, what they wrote), and a timeline of steps: who did what, when,
with an internal note.

What a record may do next is decided in feedback/complaints.py, reviews.py, cards.py and
suggestions.py; who may see it, in staff/access.py."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from patrons.models import Patron
from staff.models import Branch, ServicePoint

TEXT_MAX_LENGTH = 4000


class ReplyChannel(models.TextChoices):
    EMAIL = "email", "E-mail"
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"


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
    # overdue is decided in feedback/complaints.py.
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

    class Meta:
        ordering = ["received_at", "pk"]
        indexes = [
            models.Index(fields=["branch", "status", "received_at"], name="complaint_queue_idx"),
        ]

    def __str__(self):
        return f"Complaint {self.reference}"

    @property
    def reference(self) -> str:
        """How staff and the patron name it: in letters, e-mail subjects and on the phone."""
        return f"C-{self.pk}"


class ComplaintStep(models.Model):
    """One step of a complaint's timeline: who moved it where, when, and an internal note."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="steps")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    # Who it was assigned to, on an assignment step.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField("internal note", max_length=TEXT_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["at", "pk"]


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


class ReviewStep(models.Model):
    """One step of a review request's timeline."""

    review = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="steps")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField("internal note", max_length=TEXT_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["at", "pk"]


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
        ]

    def __str__(self):
        return f"Comment card {self.reference}"

    @property
    def reference(self) -> str:
        return f"K-{self.pk}"


class CommentCardStep(models.Model):
    """One step of a card's triage: who did what, when, with an internal note (never sent)."""

    card = models.ForeignKey(CommentCard, on_delete=models.CASCADE, related_name="steps")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField("internal note", max_length=TEXT_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["at", "pk"]


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
    `{reasons}` and `{appeal_by}`. A subject never gets `{name}`."""

    class Kind(models.TextChoices):
        COMPLAINT_ACKNOWLEDGE = "complaint_acknowledge", "Complaint: acknowledgment"
        COMPLAINT_RESPONSE = "complaint_response", "Complaint: response"
        REVIEW_ACKNOWLEDGE = "review_acknowledge", "Review request: acknowledgment"
        REVIEW_DECISION = "review_decision", "Review request: decision letter"

    kind = models.CharField(max_length=30, choices=Kind.choices, unique=True)
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=TEXT_MAX_LENGTH)

    class Meta:
        ordering = ["kind"]

    def __str__(self):
        return self.get_kind_display()
