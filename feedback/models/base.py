"""What every feedback record shares."""

from django.db import models

from servicedesk.lib.workflow import TEXT_MAX_LENGTH

__all__ = ["TEXT_MAX_LENGTH", "ReplyChannel"]


class ReplyChannel(models.TextChoices):
    EMAIL = "email", "E-mail"
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"
