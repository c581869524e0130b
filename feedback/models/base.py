"""What every feedback record shares."""

from django.db import models

TEXT_MAX_LENGTH = 4000


class ReplyChannel(models.TextChoices):
    EMAIL = "email", "E-mail"
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"
