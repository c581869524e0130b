"""The library's policies as staff read them: each policy in versions, each version with its
principles (one sentence each) and the rationale of each, so that staff "be able to explain
the rationale behind them". Versions are never changed once published; a new one is."""

from django.conf import settings
from django.db import models
from django.utils import timezone

APPLIES_IN_MAX_LENGTH = 200


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

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="principle_position_unique"),
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
