import re

from django.conf import settings
from django.core.exceptions import ValidationError


def validate_card_number(value: str) -> None:
    """The library's card number format (settings.PATRON_CARD_NUMBER_PATTERN)."""
    if not re.fullmatch(settings.PATRON_CARD_NUMBER_PATTERN, value):
        raise ValidationError(
            "This is not a library card number: expected %(hint)s.",
            code="card_number_format",
            params={"hint": settings.PATRON_CARD_NUMBER_HINT},
        )
