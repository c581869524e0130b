import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from patrons.models import Patron
from staff.models import Branch, ServicePoint

NOTE_MAX_LENGTH = 4000
MINUTES_IN_A_DAY = 24 * 60


class InteractionKind(models.Model):
    """A kind of patron contact (glossary: Kind of interaction). The library adds its own."""

    name = models.CharField(max_length=60, unique=True)
    counts_as_reference = models.BooleanField(
        help_text="Counts as a reference transaction in library surveys (directional questions do not)."
    )
    on_quick_log = models.BooleanField(default=True, help_text="Has a one-click button on the desk console.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the console; lower first.")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class InteractionQuerySet(models.QuerySet):
    def counted(self):
        """What counts and reports count: every interaction but the voided ones."""
        return self.filter(voided_at__isnull=True)


class Interaction(models.Model):
    """One patron contact at a service point. Everything but `patron` and `note` is the
    statistical part; those two are the confidential part (roles.md)."""

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        PHONE = "phone", "Phone"
        EMAIL = "email", "E-mail"
        CHAT = "chat", "Chat"

    class Outcome(models.TextChoices):
        ANSWERED = "answered", "Answered"
        REFERRED = "referred", "Referred"
        ALTERNATIVE_OFFERED = "alternative", "Alternative offered"
        CALLBACK = "callback", "Callback scheduled"
        COULD_NOT_HELP = "could_not_help", "Could not help"

    class Alternative(models.TextChoices):
        INTERLIBRARY_LOAN = "ill", "Interlibrary loan"
        E_RESOURCE = "e_resource", "E-resource"
        PURCHASE_SUGGESTION = "purchase", "Purchase suggestion"
        ANOTHER_BRANCH = "branch", "Another branch"
        OTHER = "other", "Other"

    # "If you are unable to comply with a request, offer an alternative."
    OUTCOMES_NEEDING_ALTERNATIVE = (Outcome.ALTERNATIVE_OFFERED, Outcome.COULD_NOT_HELP)

    class Effort(models.IntegerChoices):
        ONE = 1, "1 — quick answer, no resources"
        TWO = 2, "2 — a little searching, one resource"
        THREE = 3, "3 — several resources or some instruction"
        FOUR = 4, "4 — subject knowledge, in-depth instruction"
        FIVE = 5, "5 — extended research, consultation"
        SIX = 6, "6 — in-depth research over time"

    occurred_at = models.DateTimeField(default=timezone.now)
    service_point = models.ForeignKey(ServicePoint, on_delete=models.PROTECT, related_name="interactions")
    # The service point's branch when the interaction was logged, stamped then and never
    # moved: scope follows the branch where it happened, even if the point is reorganised.
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="interactions")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="interactions")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.IN_PERSON)
    kind = models.ForeignKey(InteractionKind, on_delete=models.PROTECT, related_name="interactions")
    effort = models.PositiveSmallIntegerField("READ effort", choices=Effort.choices, default=Effort.ONE)
    duration_minutes = models.PositiveSmallIntegerField(
        "duration (minutes)",
        null=True,
        blank=True,
        validators=[
            MaxValueValidator(MINUTES_IN_A_DAY, "A desk interaction lasts less than a day: give the minutes it took.")
        ],
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.ANSWERED)
    alternative = models.CharField(
        "alternative offered", max_length=20, choices=Alternative.choices, blank=True
    )
    patron = models.ForeignKey(
        Patron, on_delete=models.PROTECT, null=True, blank=True, related_name="interactions"
    )
    # A TextField's max_length only sizes the form's box; the validator enforces it.
    note = models.TextField(
        "confidential note",
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        validators=[
            MaxLengthValidator(
                NOTE_MAX_LENGTH, "Keep the note to %(limit_value)d characters (it has %(show_value)d)."
            )
        ],
    )
    # When it was logged (not when it happened: that is occurred_at). A default rather than
    # auto_now_add, so that imports and demo data can say when a row was logged.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # The key a form was rendered with: a form sent twice logs one interaction.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # Bumped by every correction; a correction made from an older copy is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    # When the retention job removed the patron link and the note (manage.py deidentify).
    deidentified_at = models.DateTimeField(null=True, blank=True, editable=False)
    # How the desk form's checklist was followed: the policy's ticks name this record.
    checklist_ticks = GenericRelation("policy.ChecklistTick", related_query_name="interaction")
    # Voided by a supervisor, with a reason (roles.md: "void with a reason (kept, marked)"):
    # the row stays, marked, and counts and reports leave it out (InteractionQuerySet.counted).
    voided_at = models.DateTimeField(null=True, blank=True, editable=False)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    void_reason = models.TextField("why it was voided", max_length=NOTE_MAX_LENGTH, blank=True)

    objects = InteractionQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["service_point", "occurred_at"], name="interaction_point_time_idx"),
            models.Index(fields=["occurred_at"], name="interaction_time_idx"),
            # The scopes: a branch's interactions, today's or all time.
            models.Index(fields=["branch", "occurred_at"], name="interaction_branch_time_idx"),
            # "Repeat last": a staff member's newest interaction at a service point.
            models.Index(fields=["staff", "service_point", "created_at"], name="interaction_staff_point_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(effort__gte=1, effort__lte=6), name="interaction_effort_1_to_6"),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__isnull=True) | models.Q(duration_minutes__lte=MINUTES_IN_A_DAY),
                name="interaction_duration_within_a_day",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome__in=["alternative", "could_not_help"], alternative__gt="")
                | (~models.Q(outcome__in=["alternative", "could_not_help"]) & models.Q(alternative="")),
                name="interaction_alternative_iff_needed",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("note"), NOTE_MAX_LENGTH), name="interaction_note_max_length"
            ),
            models.CheckConstraint(
                condition=models.Q(voided_at__isnull=True, voided_by__isnull=True, void_reason="")
                | (models.Q(voided_at__isnull=False, voided_by__isnull=False) & ~models.Q(void_reason="")),
                name="interaction_voided_with_reason",
            ),
        ]

    def __str__(self):
        return f"{self.kind} at {self.service_point} ({self.occurred_at:%Y-%m-%d %H:%M})"

    def clean(self):
        errors = {}
        # A little slack for clocks: the terminal's "now" may run ahead of the server's.
        if self.occurred_at and self.occurred_at > timezone.now() + datetime.timedelta(minutes=1):
            errors["occurred_at"] = "The time cannot be in the future: use the time the patron was helped."
        if self.outcome in self.OUTCOMES_NEEDING_ALTERNATIVE and not self.alternative:
            errors["alternative"] = "Say which alternative was offered to the patron."
        if self.outcome not in self.OUTCOMES_NEEDING_ALTERNATIVE and self.alternative:
            errors["alternative"] = (
                "An alternative is recorded only when the outcome is “alternative offered” or “could not help”."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None

    @property
    def needs_alternative(self):
        return self.outcome in self.OUTCOMES_NEEDING_ALTERNATIVE



# The reports' counts, kept current by every write (interactions/rollup.py) -------------------
# A year of a library system's interactions is half a million rows; these tables hold the
# numbers the reports add up, in a few tens of thousands, counted by the library's day and
# hour (TIME_ZONE). Only counted interactions are in them (not the voided ones), and only the
# statistical part: no patron, no note, no staff member. `manage.py rebuild_counts` counts
# them again from the interactions. The counts are plain integers, not positive ones: taking
# one away is the same upsert as adding one (rollup.py), and a CHECK (n >= 0) would be tested
# on the row it proposes to insert. The only index of each is its key's, which starts with
# the day: the reports read a period, and every logged interaction writes here.


HOUR_KEY = ("day", "hour", "branch", "service_point")


class HourCount(models.Model):
    """Interactions per hour of the library's day and service point: when patrons come."""

    KEY = HOUR_KEY
    day = models.DateField()
    hour = models.PositiveSmallIntegerField()
    branch = models.ForeignKey(Branch, on_delete=models.CASCADE, related_name="+", db_index=False)
    service_point = models.ForeignKey(ServicePoint, on_delete=models.CASCADE, related_name="+", db_index=False)
    interactions = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=list(HOUR_KEY), name="hour_count_key")]


DAY_KEY = ("day", "branch", "service_point", "kind")


class DayCount(models.Model):
    """Interactions per day, service point and kind: the days, the weeks, the reference count."""

    KEY = DAY_KEY
    day = models.DateField()
    branch = models.ForeignKey(Branch, on_delete=models.CASCADE, related_name="+", db_index=False)
    service_point = models.ForeignKey(ServicePoint, on_delete=models.CASCADE, related_name="+", db_index=False)
    kind = models.ForeignKey(InteractionKind, on_delete=models.CASCADE, related_name="+", db_index=False)
    interactions = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=list(DAY_KEY), name="day_count_key")]


BREAKDOWN_KEY = ("grain", "day", "branch", "service_point", "kind", "channel", "effort", "outcome", "alternative")


class BreakdownCount(models.Model):
    """Interactions by every statistical field (kind, channel, READ effort, outcome,
    alternative), per day and again per month: a year's breakdown adds up its twelve months
    (a fifth of the rows of its days), and only the days of a month the period cuts."""

    class Grain(models.TextChoices):
        DAY = "day", "day"
        MONTH = "month", "month"

    KEY = BREAKDOWN_KEY
    grain = models.CharField(max_length=5, choices=Grain.choices)
    day = models.DateField(help_text="The day, or the first day of the month.")
    branch = models.ForeignKey(Branch, on_delete=models.CASCADE, related_name="+", db_index=False)
    service_point = models.ForeignKey(ServicePoint, on_delete=models.CASCADE, related_name="+", db_index=False)
    kind = models.ForeignKey(InteractionKind, on_delete=models.CASCADE, related_name="+", db_index=False)
    channel = models.CharField(max_length=10, choices=Interaction.Channel.choices)
    effort = models.PositiveSmallIntegerField(choices=Interaction.Effort.choices)
    outcome = models.CharField(max_length=20, choices=Interaction.Outcome.choices)
    alternative = models.CharField(max_length=20, choices=Interaction.Alternative.choices, blank=True)
    interactions = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=list(BREAKDOWN_KEY), name="breakdown_count_key")]


TICK_KEY = ("day", "branch", "service_point", "item")


class TickCount(models.Model):
    """Of counted interactions' checklist items, per day, service point and item: how often
    each was asked (a ChecklistTick row exists) and ticked."""

    KEY = TICK_KEY
    day = models.DateField()
    branch = models.ForeignKey(Branch, on_delete=models.CASCADE, related_name="+", db_index=False)
    service_point = models.ForeignKey(ServicePoint, on_delete=models.CASCADE, related_name="+", db_index=False)
    item = models.ForeignKey("policy.ChecklistItem", on_delete=models.CASCADE, related_name="+", db_index=False)
    asked = models.IntegerField()
    ticks = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=list(TICK_KEY), name="tick_count_key")]
