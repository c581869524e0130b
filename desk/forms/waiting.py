"""Adding a waiting patron: one field, typed and sent with Enter."""

from django import forms

from desk.models.waiting import LABEL_MAX_LENGTH
from servicedesk.lib.forms import BootstrapBoundField, text_errors

LABEL_REQUIRED = "Type a first name or a short description (e.g. “Sam” or “red coat, with a stroller”)."


class WaitingPatronForm(forms.Form):
    bound_field_class = BootstrapBoundField

    label = forms.CharField(
        label="Add a waiting patron",
        max_length=LABEL_MAX_LENGTH,
        help_text="A first name or a short description, then Enter. No card needed.",
        error_messages={"required": LABEL_REQUIRED, **text_errors("it")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    prefix = "waiting"
    # The list's actions send this field along (hx-include) and htmx would check it as part of
    # their forms: an empty field must not stop "Serve". The server says what is missing.
    use_required_attribute = False
