"""What every app's forms and form views share: the submission key that makes a double submit
count once, the wording of a too-long text, and where a service's refusal lands on a form."""

import uuid

from django.core.exceptions import ValidationError


def submission_key_from(data) -> uuid.UUID | None:
    """The key a form was rendered with; an absent or garbled key disables de-duplication."""
    try:
        return uuid.UUID(data.get("submission_key", ""))
    except ValueError:
        return None


def text_errors(what: str) -> dict:
    """A text field's error messages that say what to fix: "Keep the note to 4000 characters
    (it has 4210)."""
    return {"max_length": f"Keep {what} to %(limit_value)d characters (it has %(show_value)d)."}


def add_errors(form, error: ValidationError) -> None:
    """A rule the service enforces lands on its field, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
