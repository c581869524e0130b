"""The coverage board's branch picker and the handover note."""

from django import forms

from desk.models import HandoverNote
from servicedesk.lib.forms import BootstrapBoundField


class BranchPickerForm(forms.Form):
    """Which branch's desks (the Director, and supervisors of several branches). In the
    address (GET): it names a branch, nothing confidential."""

    bound_field_class = BootstrapBoundField

    branch = forms.ModelChoiceField(
        queryset=None,
        label="Branch",
        empty_label=None,
        required=False,
        error_messages={"invalid_choice": "Choose one of your branches from the list."},
    )

    def __init__(self, *args, branches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches

    def chosen(self):
        """The branch asked for, or the first of the list while none (or a wrong one) is."""
        branch = self.cleaned_data.get("branch") if self.is_valid() else None
        return branch or self.fields["branch"].queryset.first()


class HandoverNoteForm(forms.Form):
    bound_field_class = BootstrapBoundField

    text = forms.CharField(
        label="Note for whoever works here next",
        max_length=HandoverNote._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 3, "autofocus": True}),
        help_text="E.g. a patron is coming back at three for the tax forms. No card numbers or contact details.",
        error_messages={
            "required": "Write the note, e.g. who is coming back and what for.",
            "max_length": "Keep the note to %(limit_value)d characters (it has %(show_value)d).",
        },
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("Write the note, e.g. who is coming back and what for.")
        return text
