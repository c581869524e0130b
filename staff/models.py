from django.conf import settings
from django.db import models


class Branch(models.Model):
    name = models.CharField(max_length=100, unique=True)
    code = models.SlugField(max_length=20, unique=True, help_text="A short code, e.g. main.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "branches"

    def __str__(self):
        return self.name


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
        Branch, related_name="staff", help_text="The staff member's home branch or branches."
    )
    last_service_point = models.ForeignKey(
        ServicePoint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Offered first when the staff member next signs in.",
    )

    def __str__(self):
        return f"Profile of {self.user}"
