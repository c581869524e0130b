"""The expertise directory and referrals: "If you don't know the answer, find someone who does.
Avoid saying 'I don't know;' use 'I can find out!'" (the policy)."""

import unicodedata

from django.conf import settings
from django.db import models
from django.utils import timezone

from interactions.models import Interaction
from servicedesk.lib.workflow import TEXT_MAX_LENGTH, TimelineStep
from staff.models import Branch, ServicePoint

SUBJECT_MAX_LENGTH = 80


def subject_key(text: str) -> str:
    """What a subject is found by: lower case, without accents, single spaces ("Généalogie "
    and "genealogie" are one subject), so that a search is case- and accent-insensitive on
    every database alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


class Subject(models.Model):
    """A subject someone in the directory can help with: genealogy, local history, job search,
    a language spoken. The first spelling typed is kept; later ones find it by its key."""

    name = models.CharField(max_length=SUBJECT_MAX_LENGTH)
    key = models.CharField(max_length=SUBJECT_MAX_LENGTH, unique=True, editable=False)

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return self.name


class Expert(models.Model):
    """An entry of the directory: a staff member (who keeps their own entry), or a department
    or partner library (kept by the supervisors of `branch` and the Director)."""

    class Kind(models.TextChoices):
        STAFF = "staff", "Staff member"
        DEPARTMENT = "department", "Department"
        PARTNER = "partner", "Partner library"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="directory_entry"
    )
    # A department's or partner library's name; a staff member is shown by their full name.
    name = models.CharField(max_length=120, blank=True)
    # The branch whose supervisors keep a department's or partner's entry.
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, null=True, blank=True, related_name="directory_entries")
    how_to_reach = models.CharField(
        "how to reach them", max_length=300, blank=True,
        help_text="A phone extension, an e-mail address, the days they are in.",
    )
    subjects = models.ManyToManyField(Subject, related_name="experts", blank=True)
    is_listed = models.BooleanField("listed in the directory", default=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="staff", user__isnull=False, branch__isnull=True))
                | (~models.Q(kind="staff") & models.Q(user__isnull=True, branch__isnull=False) & ~models.Q(name="")),
                name="expert_a_person_or_a_named_place",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user_id:
            return self.user.get_full_name() or self.user.username
        return self.name


class Referral(models.Model):
    """A patron's question referred to someone who can answer it. The question, who the patron
    is and how to reach them, and the answer are the confidential part (read only through
    staff.confidential.referral_confidential); the rest is statistical. It stays open until
    the patron has been answered."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ANSWERED = "answered", "Answered"

    class AnsweredBy(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        PHONE = "phone", "Phone"
        EMAIL = "email", "E-mail"
        LETTER = "letter", "Letter"

    NAME_MAX_LENGTH = 100
    CONTACT_MAX_LENGTH = 254

    # The statistical part.
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="referrals")
    service_point = models.ForeignKey(ServicePoint, on_delete=models.PROTECT, related_name="referrals")
    # The desk interaction the question came from; one referral per question.
    interaction = models.OneToOneField(
        Interaction, on_delete=models.SET_NULL, null=True, blank=True, related_name="referral"
    )
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals")
    referred_at = models.DateTimeField(default=timezone.now)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals_made")
    # The directory entry it was last referred to.
    referred_to = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="referrals")
    # Who answers it now: the staff member referred to, or, for a department or a partner
    # library, whoever referred it there (they follow it up).
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals_assigned"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    # When the branch's supervisor sees it if it is still open (referral_reminder_hours open hours).
    remind_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.CharField("how the patron was answered", max_length=10, choices=AnsweredBy.choices, blank=True)

    # The confidential part.
    question = models.TextField(max_length=TEXT_MAX_LENGTH)
    patron_name = models.CharField("the patron's name", max_length=NAME_MAX_LENGTH, blank=True)
    patron_contact = models.CharField("how to reach the patron", max_length=CONTACT_MAX_LENGTH, blank=True)
    answer = models.TextField(max_length=TEXT_MAX_LENGTH, blank=True)
    deidentified_at = models.DateTimeField(null=True, blank=True, editable=False)

    version = models.PositiveIntegerField(default=1, editable=False)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["referred_at", "pk"]
        indexes = [
            models.Index(fields=["assigned_to", "status", "referred_at"], name="referral_assigned_idx"),
            models.Index(fields=["referred_by", "referred_at"], name="referral_referred_by_idx"),
            models.Index(fields=["branch", "status", "remind_at"], name="referral_reminder_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open", answered_at__isnull=True)
                | models.Q(status="answered", answered_at__isnull=False),
                name="referral_answered_when_answered",
            ),
        ]

    def __str__(self):
        return f"Referral {self.reference}"

    @property
    def reference(self) -> str:
        return f"R-{self.pk}"


class ReferralStep(TimelineStep):
    """One step of a referral: referred, passed on (to whom), answered; with an internal note."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="steps")
    to_expert = models.ForeignKey(Expert, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
