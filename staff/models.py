from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from servicedesk.lib import shared_cache

SETTINGS_CACHE_GROUP = "library-settings"


class Branch(models.Model):
    name = models.CharField(max_length=100, unique=True)
    code = models.SlugField(max_length=20, unique=True, help_text="A short code, e.g. main.")
    # What a patron reads on a letter: the short name ("Main") is for staff.
    full_name = models.CharField(
        max_length=200, blank=True, default="", db_default="",
        help_text="As a letter names the branch, e.g. Main Library. The short name if blank.",
    )
    address = models.TextField("postal address", max_length=500, blank=True, default="", db_default="",
                               help_text="Printed on the branch's letterhead, a line each.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "branches"

    def __str__(self):
        return self.name

    @property
    def letter_name(self) -> str:
        return self.full_name or self.name


class ServicePoint(models.Model):
    class Kind(models.TextChoices):
        CIRCULATION = "circulation", "Circulation desk"
        REFERENCE = "reference", "Reference desk"
        CHILDRENS = "childrens", "Children's desk"
        PHONE = "phone", "Phone line"
        CHAT = "chat", "Chat"

    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="service_points")
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["branch__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["branch", "name"], name="service_point_name_unique_in_branch"),
        ]

    def __str__(self):
        return f"{self.branch.name} — {self.name}"


class StaffProfile(models.Model):
    """What the library knows about a staff account beyond Django's user: where they work."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    branches = models.ManyToManyField(
        Branch,
        related_name="staff",
        blank=True,
        help_text="The staff member's home branch or branches (none for the IT administrator).",
    )
    last_service_point = models.ForeignKey(
        ServicePoint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Offered first when the staff member next signs in.",
    )
    job_title = models.CharField(
        max_length=100, blank=True, default="", db_default="",
        help_text="Under their name when they sign a letter, e.g. Branch Supervisor.",
    )
    # Set when someone else set the password (roles.md: "a password they set must be changed
    # at the next sign-in"); staff.middleware.OneTimePasswordMiddleware serves nothing else
    # until the owner has chosen their own.
    must_change_password = models.BooleanField(default=False, editable=False)

    def __str__(self):
        return f"Profile of {self.user}"


class RoleGrant(models.Model):
    """A role asked for an account. Desk staff and Administrator take effect at once; a grant
    of Supervisor or Director waits until a Director other than the one who asked, and other
    than the account's holder, confirms it (roles.md: four eyes). Kept once decided, so the
    page and the access record can say who asked and who confirmed."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the Director"
        CONFIRMED = "confirmed", "Confirmed"
        REFUSED = "refused", "Refused"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants")
    role = models.ForeignKey("auth.Group", on_delete=models.CASCADE, related_name="+")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(status="pending"),
                name="role_grant_one_pending_per_role",
            ),
            models.CheckConstraint(condition=~models.Q(asked_by=models.F("user")), name="role_grant_not_own_account"),
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("user")) & ~models.Q(decided_by=models.F("asked_by")),
                name="role_grant_four_eyes",
            ),
        ]

    def __str__(self):
        return f"{self.role} for {self.user} ({self.get_status_display()})"


class LibrarySettings(models.Model):
    """The library's own settings, kept in the database so the Director can change them in
    the app. There is one row (pk 1); read it with LibrarySettings.current()."""

    library_name = models.CharField(max_length=200, default="The Public Library", db_default="The Public Library",
                                    help_text="At the head of every letter and under every signature.")
    retention_days = models.PositiveSmallIntegerField(
        "retention period (days)",
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text="Interactions older than this lose their patron link and note; their statistics stay.",
    )
    feedback_retention_days = models.PositiveSmallIntegerField(
        "contact details kept after closing (days)",
        default=365,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text="Closed complaints and collection-review requests lose the patron's contact details after this.",
    )
    complaint_acknowledge_days = models.PositiveSmallIntegerField(
        "acknowledge a complaint within (business days)", default=2, validators=[MinValueValidator(1)]
    )
    complaint_resolve_days = models.PositiveSmallIntegerField(
        "resolve or escalate a complaint within (business days)", default=10, validators=[MinValueValidator(1)]
    )
    review_acknowledge_days = models.PositiveSmallIntegerField(
        "acknowledge a review request within (business days)", default=5, validators=[MinValueValidator(1)]
    )
    review_committee_size = models.PositiveSmallIntegerField(
        "reviewers on a review committee (at least)", default=3, validators=[MinValueValidator(1)]
    )
    review_decision_days = models.PositiveSmallIntegerField(
        "decide a review request within (days)", default=60, validators=[MinValueValidator(1)]
    )
    review_appeal_days = models.PositiveSmallIntegerField(
        "appeal window after the decision letter (business days)", default=10, validators=[MinValueValidator(1)]
    )
    review_appeal_letter_days = models.PositiveSmallIntegerField(
        "tell the requester the decision on their appeal within (business days)",
        default=5,
        validators=[MinValueValidator(1)],
    )
    review_recent_months = models.PositiveSmallIntegerField(
        "flag a title reviewed within (months)", default=12, validators=[MinValueValidator(1)]
    )
    callback_due_hours = models.PositiveSmallIntegerField(
        "a callback is due after (open hours)",
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Counted in the service point's opening hours: overnight and closed days do not count.",
    )
    callback_attempts = models.PositiveSmallIntegerField(
        "unanswered calls before a callback closes",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    referral_reminder_hours = models.PositiveSmallIntegerField(
        "the supervisor sees a referral unanswered after (open hours)",
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
    )
    fiscal_year_start_month = models.PositiveSmallIntegerField(
        "fiscal year starts in",
        default=1,
        choices=[(number, month) for number, month in enumerate(
            ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"), start=1)],
        help_text="The month the library's fiscal year (and its annual report to the state) begins.",
    )
    report_min_cell = models.PositiveSmallIntegerField(
        "smallest count a report shows",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="A report breakdown by a patron attribute shows a smaller count as “fewer than” this, "
        "so that no one can be picked out.",
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "library settings"
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="library_settings_single_row")]

    def __str__(self):
        return "Library settings"

    @classmethod
    def current(cls) -> "LibrarySettings":
        """The settings, the same for everyone: cached until they are saved
        (servicedesk/lib/shared_cache.py, staff/apps.py)."""
        return shared_cache.cached(SETTINGS_CACHE_GROUP, "current", lambda: cls.objects.get_or_create(pk=1)[0])


class OpeningHours(models.Model):
    """When a branch, or one of its service points, is open on a day of the week: one period
    a day. A service point without hours of its own keeps its branch's; a day without a row
    is closed, and so is a ClosedDay. The Administrator keeps them in the Django admin."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    branch = models.ForeignKey(Branch, on_delete=models.CASCADE, related_name="opening_hours")
    service_point = models.ForeignKey(
        ServicePoint,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="opening_hours",
        help_text="Empty: the branch's hours, kept by every service point without hours of its own.",
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["branch__name", "service_point__name", "weekday"]
        verbose_name_plural = "opening hours"
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "weekday"],
                condition=models.Q(service_point__isnull=True),
                name="opening_hours_one_a_day_per_branch",
            ),
            models.UniqueConstraint(
                fields=["service_point", "weekday"],
                condition=models.Q(service_point__isnull=False),
                name="opening_hours_one_a_day_per_service_point",
            ),
            models.CheckConstraint(condition=models.Q(opens__lt=models.F("closes")), name="opening_hours_open_before_close"),
        ]

    def __str__(self):
        where = self.service_point.name if self.service_point_id else self.branch.name
        return f"{where}: {self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    def clean(self):
        if self.service_point_id and self.branch_id and self.service_point.branch_id != self.branch_id:
            raise ValidationError({"service_point": "Choose a service point of this branch."})
        if self.opens and self.closes and self.opens >= self.closes:
            raise ValidationError({"closes": "Closing time must be after opening time."})


class ClosedDay(models.Model):
    """A day the whole library is closed (a holiday): business-day deadlines skip it, as they
    skip weekends. The Administrator keeps the list in the Django admin."""

    date = models.DateField(unique=True)
    name = models.CharField(max_length=100, help_text="e.g. New Year's Day.")

    class Meta:
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"


class Shift(models.Model):
    """A staff member on duty at a service point: from choosing it (signing on) until they
    sign off, sign out, choose another point or close the desk. The coverage board shows who
    is on each desk now, and desk coverage counts the open minutes nobody was on it. One
    open shift per person; staff.shifts writes them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="shifts")
    service_point = models.ForeignKey(ServicePoint, on_delete=models.PROTECT, related_name="shifts")
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["service_point", "started_at"], name="shift_point_started_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(ended_at__isnull=True), name="shift_one_open_per_person"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True) | models.Q(ended_at__gte=models.F("started_at")),
                name="shift_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.user} at {self.service_point} from {self.started_at:%Y-%m-%d %H:%M}"


class AccessRecordQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The access record is append-only: entries are never changed.")

    def delete(self):
        raise PermissionError("The access record is append-only: entries are never deleted.")


class AccessRecord(models.Model):
    """Who read or did what to which record, when, from which page; never the content.

    Append-only: the model refuses to change or delete an entry, and triggers in the database
    refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) whatever connects (migrations 0004
    and 0010). Tamper-evident: each entry is a link of a hash chain (staff.chain), written
    only by staff.audit.record_access and checked by `manage.py verify_access_record`."""

    class Action(models.TextChoices):
        READ_CONFIDENTIAL = "read_confidential", "Read the confidential part of a record (patron, contact details, note)"
        READ_PATRON_DETAILS = "read_patron_details", "Read a patron's registration details"
        READ_PATRON_HISTORY = "read_patron_history", "Read a patron's interaction history"
        REFUSED = "refused", "Refused: a record outside their scope"
        SIGN_IN = "sign_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Failed to sign in"
        ACCOUNT_CHANGE = "account_change", "Changed an account"
        ROLE_CHANGE = "role_change", "Changed an account's roles"
        SETUP_CHANGE = "setup_change", "Changed a branch or service point"
        RETENTION_CHANGE = "retention_change", "Changed the retention period"
        DEIDENTIFY = "deidentify", "De-identified old records"
        EXPORT = "export", "Exported records"
        EXPORT_REPORT = "export_report", "Exported a report (counts, no identities)"
        PATRON_STATUS = "patron_status", "Blocked a patron's card or lifted a block"

    # What the Administrator sees: sign-ins and account changes, never reads of patron data.
    ACCOUNT_ACTIONS = (
        Action.SIGN_IN, Action.SIGN_IN_FAILED, Action.ACCOUNT_CHANGE, Action.ROLE_CHANGE, Action.SETUP_CHANGE
    )
    # The kinds of record the Administrator's entries name (a model's model_name).
    SETUP_TYPES = ("user", "group", "branch", "servicepoint")
    # The kinds of record entries name.
    RECORD_TYPES = (
        *SETUP_TYPES, "patron", "interaction", "complaint", "reviewrequest", "commentcard", "purchasesuggestion"
    )

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # As typed at a failed sign-in, where there may be no account.
    actor_username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=30, choices=Action.choices)
    record_type = models.CharField(max_length=30, blank=True)
    record_id = models.BigIntegerField(null=True, blank=True)
    # The branch the record belongs to, so that supervisors see the entries about their branch.
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    page = models.CharField(max_length=200, blank=True)
    # What changed, never content: "granted Supervisor", "password set by another person".
    detail = models.CharField(max_length=200, blank=True)
    # The hash chain (staff.chain): the previous entry's hash, and this entry's own.
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, blank=True)

    objects = AccessRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["record_type", "record_id", "at"], name="access_record_record_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.record_type} {self.record_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The access record is append-only: entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The access record is append-only: entries are never deleted.")
