"""The purchase-suggestion forms. They validate what was typed; feedback/services/suggestions.py saves."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth.models import User

from feedback.models import TEXT_MAX_LENGTH, PurchaseSuggestion, ReplyChannel
from patrons.forms import PatronCardMixin, patron_card_field
from servicedesk.lib.forms import text_errors
from staff.access import service_points_for
from staff.models import Branch

Status = PurchaseSuggestion.Status


class SuggestionForm(PatronCardMixin, forms.ModelForm):
    patron_card = patron_card_field("Optional: scan or type it to attach the patron.")
    patron_card_unknown = "No patron has this card number. Check the digits, or leave it empty and give a name instead."

    class Meta:
        model = PurchaseSuggestion
        fields = ["title", "creator", "format", "branch", "contact_name", "contact", "tell_by"]
        widgets = {
            "contact_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "contact": forms.TextInput(attrs={"autocomplete": "off"}),
            "tell_by": forms.RadioSelect,
        }
        labels = {"contact_name": "Patron's name", "contact": "E-mail or phone", "tell_by": "Tell them the decision"}
        help_texts = {"contact_name": "Optional.", "contact": "Optional: where to tell them the decision."}
        error_messages = {
            "title": {"required": "Give the title the patron suggests.", **text_errors("the title")},
            "creator": text_errors("the author"),
            "contact_name": text_errors("the name"),
            "contact": text_errors("the e-mail or phone"),
            "branch": {"required": "Choose the branch.", "invalid_choice": "Choose one of your branches from the list."},
            "tell_by": {"invalid_choice": "Choose how to tell the patron."},
        }

    def __init__(self, *args, viewer: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self.fields["branch"].queryset = Branch.objects.filter(pk__in=service_points_for(viewer).values("branch"))
        self.fields["branch"].empty_label = "Choose the branch"
        self.fields["tell_by"].choices = [("", "No need to tell them"), *ReplyChannel.choices]
        self.order_fields(["title", "creator", "format", "patron_card", "contact_name", "contact", "tell_by", "branch"])
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def suggestion_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["patron"] = self.cleaned_data["patron_card"]
        return data


class DecideForm(forms.Form):
    status = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the decision.", "invalid_choice": "Choose one of the decisions offered."},
    )
    reason = forms.CharField(
        label="Reason the patron is told",
        required=False,
        max_length=TEXT_MAX_LENGTH,
        help_text="Required to decline. Find ways to say yes: another format, interlibrary loan, another branch.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=text_errors("the reason"),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(value, Status(value).label) for value in choices]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self):
        data = super().clean()
        if data.get("status") == Status.DECLINED and not data.get("reason", "").strip():
            self.add_error("reason", "Say why it is declined: the patron is told the reason.")
        return data


class ListFilterForm(forms.Form):
    status = forms.ChoiceField(required=False, error_messages={"invalid_choice": "Choose a status from the list."})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "Every status"), *Status.choices]
