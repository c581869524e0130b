from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone

from patrons.names import name_key
from patrons.validators import validate_card_number
from staff.models import Branch


class Patron(models.Model):
    """A registered borrower. The contact fields and birth date are registration details,
    confidential under the policy; name and card status are what look-up shows."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        EXPIRED = "expired", "Expired"
        LOST = "lost", "Lost"
        BLOCKED = "blocked", "Blocked"

    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        SPANISH = "es", "Spanish"
        FRENCH = "fr", "French"
        CHINESE = "zh", "Chinese"
        VIETNAMESE = "vi", "Vietnamese"
        ARABIC = "ar", "Arabic"
        OTHER = "other", "Other"

    card_number = models.CharField(max_length=32, unique=True, validators=[validate_card_number])
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    # Normalised copies of the names (see patrons/names.py) for indexed prefix look-up.
    first_name_key = models.CharField(max_length=100, db_index=True, editable=False)
    last_name_key = models.CharField(max_length=100, db_index=True, editable=False)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    address = models.TextField(max_length=500, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    home_branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="patrons")
    registered_on = models.DateField(default=timezone.localdate)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    # Why the card was blocked or the block lifted (patrons/services.py asks for it): it may
    # describe the patron, so it is kept here, with the registration details, and the access
    # record says only "blocked" or "block lifted". A database default too, for rows written
    # by code that predates it (a migration test running older models).
    status_reason = models.CharField(max_length=200, blank=True, default="", db_default="")
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    preferred_language = models.CharField(max_length=10, choices=Language.choices, default=Language.ENGLISH)
    # Bumped by every update; an edit made from an older copy is refused (two tabs at once).
    version = models.PositiveIntegerField(default=1, editable=False)
    # How the new borrower was welcomed: the policy's ticks name this record.
    checklist_ticks = GenericRelation("policy.ChecklistTick", related_query_name="patron")

    class Meta:
        ordering = ["last_name_key", "first_name_key", "pk"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    def save(self, *args, **kwargs):
        # Derived columns of this row, kept in step with the names they come from.
        self.first_name_key = name_key(self.first_name)
        self.last_name_key = name_key(self.last_name)
        super().save(*args, **kwargs)
