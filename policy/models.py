"""The library's policies as staff read them: each policy in versions, each version with its
principles (one sentence each) and the rationale of each, so that staff "be able to explain
the rationale behind them". Versions are never changed once published; a new one is."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

APPLIES_IN_MAX_LENGTH = 200
KEY_MAX_LENGTH = 50


class Policy(models.Model):
    title = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "policies"

    def __str__(self):
        return self.title


class PolicyVersion(models.Model):
    """One published text of a policy. The current version is the newest whose effective
    date has come (policy/selectors.py); earlier ones stay readable."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    effective_on = models.DateField("takes effect on")
    body = models.TextField("introduction", help_text="The paragraphs before the principles.")
    rationale = models.TextField(help_text="Why the library has this policy, in a sentence or two.")
    closing = models.TextField(blank=True, help_text="The line after the principles, if any.")
    changes = models.TextField("what changed", blank=True)
    published_at = models.DateTimeField(default=timezone.now, editable=False)
    # None for the version installed with the app.
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["policy", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="policy_version_number_unique"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="policy_version_number_positive"),
        ]
        permissions = [("publish_policyversion", "Can publish a new version of a policy")]

    def __str__(self):
        return f"{self.policy} — version {self.number}"


class Principle(models.Model):
    """One sentence of a policy version, in its section, with why it is there and where the
    app asks for it."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="principles")
    section = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    rationale = models.TextField()
    applies_in = models.CharField(
        "where in the app it applies", max_length=APPLIES_IN_MAX_LENGTH, null=True, blank=True
    )
    # The same principle in every version, however it is reworded: checklist items name it.
    key = models.SlugField(max_length=KEY_MAX_LENGTH, blank=True, default="")

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="principle_position_unique"),
            models.UniqueConstraint(
                fields=["version", "key"], condition=~models.Q(key=""), name="principle_key_unique_in_version"
            ),
        ]

    def __str__(self):
        return self.text


class Acknowledgment(models.Model):
    """A staff member's "I have read it" for one version."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="acknowledgments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="policy_acknowledgments")
    acknowledged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "user"], name="acknowledgment_once_per_version"),
        ]

    def __str__(self):
        return f"{self.user} read {self.version}"


# Checklists ---------------------------------------------------------------------------------

class Checklist(models.Model):
    """The principles of a policy that staff tick where the work happens: in the desk form,
    at desk opening and closing, when welcoming a new borrower, when handling a complaint.
    Which checklists exist is fixed by the code that shows them (`key`); their items are
    the Director's to edit."""

    class Key(models.TextChoices):
        INTERACTION = "interaction", "Interaction"
        DESK_OPENING = "desk_opening", "Desk opening"
        DESK_CLOSING = "desk_closing", "Desk closing"
        WELCOME = "welcome", "New borrower welcome"
        COMPLAINT = "complaint", "Complaint handling"
        PHONE = "phone", "Phone"

    key = models.CharField(max_length=20, choices=Key.choices, unique=True)
    title = models.CharField(max_length=100)
    applies_in = models.CharField("where it applies", max_length=APPLIES_IN_MAX_LENGTH)
    # The policy its items' principles belong to: a tick records that policy's version in effect.
    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="checklists")
    position = models.PositiveSmallIntegerField(default=0)
    # Bumped by every edit of its items; an edit made from an older copy is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["position", "title"]

    def __str__(self):
        return self.title


class ChecklistItem(models.Model):
    """One thing to tick, in the words staff read at the desk, linked to its principle by the
    principle's key (principles belong to a version; the key stays across versions)."""

    class OnlyWhen(models.TextChoices):
        ALWAYS = "", "Always"
        NEEDS_ALTERNATIVE = "needs_alternative", "Only when staff could not comply (an alternative is needed)"
        PHONE = "phone", "Only for phone calls"

    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="items")
    label = models.CharField(max_length=120)
    principle_key = models.SlugField(max_length=KEY_MAX_LENGTH)
    position = models.PositiveSmallIntegerField(default=0)
    default_ticked = models.BooleanField("ticked unless unticked", default=False)
    active = models.BooleanField(default=True)
    only_when = models.CharField(max_length=20, choices=OnlyWhen.choices, blank=True, default="")

    class Meta:
        ordering = ["checklist", "position", "pk"]

    def __str__(self):
        return self.label


class DeskSession(models.Model):
    """A service point opened or closed on a day: the record its desk checklist's ticks
    belong to. One of each a day per service point; whoever signs on later adds to it.

    It lives with the checklists rather than with the desk (interactions): it holds nothing
    but the ticks of the opening and closing checklists and needs only staff.ServicePoint,
    so it sits on the policy's floor without reaching up."""

    class Kind(models.TextChoices):
        OPENING = "opening", "Opening"
        CLOSING = "closing", "Closing"

    service_point = models.ForeignKey("staff.ServicePoint", on_delete=models.PROTECT, related_name="desk_sessions")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    day = models.DateField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    ticks = GenericRelation("ChecklistTick", related_query_name="desk_session")

    class Meta:
        ordering = ["-day", "service_point", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["service_point", "kind", "day"], name="desk_session_once_a_day"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.service_point} on {self.day}"


class ChecklistTick(models.Model):
    """An item of a checklist, ticked or left unticked, for one record, under the policy
    version in effect then.

    A tick is a statistic of the policy's follow-through, and it names its record by (kind
    of record, id): a content type and an object id, indexed together. That way the policy
    app needs no model of the floors above it (interactions, complaints, patrons: they use
    the policy, not the other way round), and each record app owns the relation: its model
    declares a GenericRelation to this one (`checklist_ticks` of Interaction, Complaint and
    Patron, `ticks` of DeskSession), which gives the reverse queries, the prefetching, and
    the ticks' deletion with their record.

    The branch, service point and day of the record are copied here, so that the
    follow-through report is one GROUP BY over this table, without a join, whatever the
    record; they are the statistical part of the record and never change apart from it."""

    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="ticks")
    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="+")
    ticked = models.BooleanField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")

    branch = models.ForeignKey("staff.Branch", on_delete=models.PROTECT, related_name="+")
    service_point = models.ForeignKey(
        "staff.ServicePoint", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    day = models.DateField()

    class Meta:
        ordering = ["item__position", "pk"]
        indexes = [
            models.Index(fields=["day", "branch"], name="checklist_tick_day_idx"),
            models.Index(fields=["content_type", "object_id"], name="checklist_tick_record_idx"),
            # The reports' follow-through of every checklist but the interactions' (counted apart).
            models.Index(fields=["content_type", "day"], name="checklist_tick_kind_day_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "content_type", "object_id"], name="checklist_tick_once_per_record"
            ),
        ]

    def __str__(self):
        return f"{self.item} {'ticked' if self.ticked else 'not ticked'}"
