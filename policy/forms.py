from crispy_forms.bootstrap import FieldWithButtons, StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.urls import reverse
from django.utils import timezone

from policy.selectors import SEARCH_MAX_LENGTH, delegation_candidates
from policy.text import HEADING


class SearchForm(forms.Form):
    """Search the principles by words. In the address (GET): policies are not confidential."""

    q = forms.CharField(
        label="Search the principles",
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        help_text="Words from a principle or its rationale, e.g. “phone” or “return”.",
        error_messages={"max_length": "Search with a few words (at most %(limit_value)d characters)."},
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.pop("maxlength", None)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_action = reverse("policy:library")
        self.helper.attrs = {"role": "search"}
        self.helper.layout = Layout(
            FieldWithButtons("q", StrictButton("Search", type="submit", css_class="btn-primary"))
        )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PublishForm(forms.Form):
    """A new version, as text. Every field may come back empty: the rules (what is required,
    the dates, the principles' format) are the service's, which reports them all at once."""

    effective_on = forms.DateField(
        label="Takes effect on",
        required=False,
        widget=DateInput(),
        help_text="Today or later. Staff are asked to read it from that day.",
        error_messages={
            "invalid": "Give the date as year-month-day, e.g. 2026-05-01.",
        },
    )
    changes = forms.CharField(
        label="What changed",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="A sentence or two for staff, shown at the top of the new version.",
    )
    body = forms.CharField(
        label="Introduction",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The paragraphs before the principles.",
    )
    rationale = forms.CharField(
        label="Why the library has this policy",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    principles = forms.CharField(
        label="Principles",
        required=False,
        widget=forms.Textarea(attrs={"rows": 24, "class": "font-monospace", "spellcheck": "true"}),
        help_text=(
            f"A line starting with “{HEADING.strip()}” is a section heading. Under it, each principle "
            "is one sentence, then a line “Why:” with its rationale (required) and a line “Where:” "
            "saying where in the app it applies (optional). Leave a blank line between principles."
        ),
    )
    closing = forms.CharField(
        label="Closing line",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Optional: the line after the principles.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["effective_on"].widget.attrs["min"] = timezone.localdate().isoformat()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field("effective_on", wrapper_class="col-sm-6 col-md-4"),
            "changes",
            "body",
            "rationale",
            "principles",
            "closing",
        )


class DelegateForm(forms.Form):
    user = forms.ModelChoiceField(
        label="Staff member",
        queryset=None,
        empty_label="Choose a staff member",
        error_messages={
            "required": "Choose the staff member who may publish.",
            "invalid_choice": "Choose a staff member from the list: that one cannot be given publishing.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = delegation_candidates()
        self.fields["user"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.username} ({user.username})"
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
