"""The complaint forms. They validate what was typed; feedback/services/complaints.py saves."""

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout
from django import forms
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from feedback.models import TEXT_MAX_LENGTH, Complaint, ReplyChannel
from feedback.selectors.complaints import ALL, OPEN, QueueFilter
from feedback.services.complaint_letters import REPLY_KINDS, reply_email, reply_subject
from patrons.forms import PatronCardMixin, patron_card_field
from policy.selectors import policy_references
from servicedesk.lib.dates import BoundedDateField
from servicedesk.lib.forms import BootstrapBoundField, text_errors
from staff.access import service_points_for
from staff.forms import BranchFilterField, BranchFilterMixin
from staff.models import ServicePoint

NOTE_LABEL = "Internal note"
NOTE_HELP = "For staff only: it is never sent to the patron."



class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SuggestionsInput(forms.TextInput):
    """A text box that suggests values (an HTML datalist) and still takes any text: the
    library's policies in the app, or one it has only on paper."""

    def __init__(self, suggestions, attrs=None):
        super().__init__(attrs)
        self.suggestions = suggestions

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id', name)}-suggestions"
        box = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join("", '<option value="{}"></option>', ((text,) for text in self.suggestions))
        return box + format_html('<datalist id="{}">{}</datalist>', list_id, options)


class ComplaintTakeForm(PatronCardMixin, forms.ModelForm):
    """Taking down a complaint with the patron at the desk, in under a minute: what happened
    first, everything else optional or already filled in."""

    patron_card = patron_card_field("Optional: scan or type it to attach the patron. Or give a name and a way to reply below.")
    patron_card_unknown = "No patron has this card number. Check the digits, or leave it empty and give a name instead."

    class Meta:
        model = Complaint
        fields = [
            "what_happened",
            "desired_outcome",
            "wants_director",
            "policy_reference",
            "staff_involved",
            "occurred_on",
            "service_point",
            "source",
            "contact_name",
            "contact_email",
            "contact_phone",
            "contact_address",
            "wants_reply",
        ]
        widgets = {
            "what_happened": forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_MAX_LENGTH}),
            "desired_outcome": forms.Textarea(attrs={"rows": 2, "maxlength": TEXT_MAX_LENGTH}),
            "contact_address": forms.Textarea(attrs={"rows": 2, "maxlength": 500, "autocomplete": "off"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "off", "type": "tel"}),
            "occurred_on": DateInput(),
            "source": forms.RadioSelect,
        }
        field_classes = {"occurred_on": BoundedDateField}
        labels = {
            "what_happened": "What happened",
            "desired_outcome": "What the patron would like",
            "wants_director": "The patron asked to speak to the Director",
            "policy_reference": "Library policy it concerns",
            "staff_involved": "Staff involved",
            "occurred_on": "When it happened",
            "service_point": "Where it happened",
            "source": "How it reached us",
            "contact_name": "Patron's name",
            "contact_email": "E-mail address",
            "contact_phone": "Phone number",
            "contact_address": "Postal address",
            "wants_reply": "The patron wants an answer",
        }
        help_texts = {
            "what_happened": "Listen first. Then write it down as the patron tells it, without judging.",
            "policy_reference": "Optional: the policy you referred the patron to. Choose one from the list or type one the app does not hold, e.g. “Internet use, section 3”.",
            "staff_involved": "Optional: names or roles, as the patron gave them.",
            "service_point": "The branch of this service point handles the complaint.",
            "contact_name": "Optional: the patron may stay anonymous.",
        }
        error_messages = {
            "what_happened": {
                "required": "Write down what happened, in the patron's words where you can.",
                **text_errors("what happened"),
            },
            "desired_outcome": text_errors("what the patron would like"),
            "policy_reference": text_errors("the policy reference"),
            "staff_involved": text_errors("the staff involved"),
            "contact_name": text_errors("the name"),
            "contact_phone": text_errors("the phone number"),
            "contact_address": text_errors("the address"),
            "contact_email": {"invalid": "Type the whole e-mail address, e.g. name@example.org, or leave it empty."},
            "occurred_on": {"invalid": "Give the date it happened, e.g. 2026-11-28.", "required": "Say when it happened."},
            "service_point": {
                "required": "Choose where it happened.",
                "invalid_choice": "That service point is not one of your branch's; choose one from the list.",
            },
            "source": {"invalid_choice": "Choose how the complaint reached us."},
        }

    def __init__(self, *args, viewer: User, service_point: ServicePoint | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        field = self.fields["policy_reference"]
        field.widget = SuggestionsInput(policy_references(), attrs=field.widget.attrs)
        self.fields["service_point"].queryset = service_points_for(viewer)
        self.fields["service_point"].required = True
        self.fields["service_point"].empty_label = "Choose where it happened"
        self.fields["occurred_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        if not self.is_bound:
            self.initial.setdefault("occurred_on", timezone.localdate())
            if service_point is not None:
                self.initial.setdefault("service_point", service_point.pk)
                if service_point.kind == ServicePoint.Kind.PHONE:
                    self.initial.setdefault("source", Complaint.Source.PHONE)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field("what_happened", autofocus=True),
            "desired_outcome",
            "wants_director",
            Div(
                Div("policy_reference", css_class="col-md-6"),
                Div("staff_involved", css_class="col-md-6"),
                css_class="row",
            ),
            Fieldset(
                "The patron",
                HTML('<p class="form-text mt-0">All optional. Confidential: only who may see the complaint can read it.</p>'),
                Div(
                    Div("patron_card", css_class="col-md-6"),
                    Div("contact_name", css_class="col-md-6"),
                    css_class="row",
                ),
                Div(
                    Div("contact_email", css_class="col-md-6"),
                    Div("contact_phone", css_class="col-md-6"),
                    css_class="row",
                ),
                "contact_address",
                "wants_reply",
            ),
            Fieldset(
                "When and where",
                Div(
                    Div("occurred_on", css_class="col-md-4"),
                    Div("service_point", css_class="col-md-8"),
                    css_class="row",
                ),
                InlineRadios("source"),
            ),
        )


    def complaint_fields(self) -> dict:
        """The cleaned values, named as complaint_take takes them."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["patron"] = self.cleaned_data["patron_card"]
        return data


class _ActionForm(forms.Form):
    """A step on the complaint page. Each has its own prefix: several share one page. The page
    is opened all day, so its forms are drawn by templates/_fields.html in crispy's Bootstrap
    markup rather than by a crispy layout (benchmarks/RESULTS.md)."""

    bound_field_class = BootstrapBoundField


class NoteForm(_ActionForm):
    note = forms.CharField(
        label=NOTE_LABEL,
        required=False,
        max_length=TEXT_MAX_LENGTH,
        help_text=NOTE_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=text_errors("the note"),
    )


class ReasonForm(_ActionForm):
    """Escalating and reopening say why: an internal reason, never sent."""

    reason = forms.CharField(
        label="Reason (internal)",
        max_length=TEXT_MAX_LENGTH,
        help_text=NOTE_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why.", **text_errors("the reason")},
    )

    def __init__(self, *args, required_message: str, label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].error_messages["required"] = required_message


class DecideForm(_ActionForm):
    decision = forms.CharField(
        label="The Director's decision",
        max_length=TEXT_MAX_LENGTH,
        help_text="Kept on the complaint. Tell the patron in the response, written separately.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the Director's decision.", **text_errors("the decision")},
    )
    note = NoteForm.base_fields["note"]


class AssignForm(_ActionForm):
    assignee = forms.ModelChoiceField(
        label="Supervisor",
        queryset=None,
        error_messages={
            "required": "Choose the supervisor who will work on it.",
            "invalid_choice": "Choose a supervisor of the complaint's branch from the list.",
        },
    )
    note = NoteForm.base_fields["note"]

    def __init__(self, *args, assignees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignees
        self.fields["assignee"].label_from_instance = lambda user: user.get_full_name() or user.username
        self.fields["assignee"].empty_label = "Choose a supervisor"


SEND = "send"


class ResponseForm(_ActionForm):
    """The response to the patron: the only text that is ever sent to them. A draft is saved
    first; sending (or recording that it was given) is a second, deliberate button."""

    response = forms.CharField(
        label="Response to the patron",
        required=False,
        max_length=TEXT_MAX_LENGTH,
        help_text="This is what the patron receives, word for word. Internal notes are never sent.",
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages=text_errors("the response"),
    )
    channel = forms.ChoiceField(
        label="How the patron gets it",
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose how the patron was answered."},
    )
    kind = forms.ChoiceField(label="E-mail subject", required=False)

    def __init__(self, *args, complaint: Complaint, **kwargs):
        super().__init__(*args, **kwargs)
        email = reply_email(complaint)
        self.fields["channel"].choices = [
            (ReplyChannel.EMAIL, f"Send it by e-mail to {email}" if email else "By e-mail (no address given)"),
            (ReplyChannel.IN_PERSON, "Given in person"),
            (ReplyChannel.PHONE, "Given by phone"),
            (ReplyChannel.LETTER, "Sent by letter (print it first)"),
        ]
        self.fields["kind"].choices = [(kind, reply_subject(complaint, kind)) for kind in REPLY_KINDS]
        self.fields["kind"].help_text = "Only for e-mail. It names the reference, never the patron."

    def clean(self):
        data = super().clean()
        if self.data.get("action") == SEND and not data.get("channel") and "channel" not in self.errors:
            self.add_error("channel", "Choose how the patron gets the response.")
        return data


class QueueFilterForm(BranchFilterMixin, forms.Form):
    """The queue's filter. It travels in the URL, so it holds no patron name or words. Drawn
    by templates/_fields.html, not crispy-forms: the queue shows it on every request."""

    bound_field_class = BootstrapBoundField

    status = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": "Choose a status from the list."}
    )
    service_point = forms.TypedChoiceField(
        label="Where",
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Choose a service point from the list."},
    )
    overdue = forms.BooleanField(label="Overdue only", required=False)
    mine = forms.BooleanField(label="Assigned to me", required=False)
    sort = forms.ChoiceField(
        label="Order",
        required=False,
        choices=[("oldest", "Oldest first"), ("newest", "Newest first")],
        error_messages={"invalid_choice": "Choose an order from the list."},
    )

    def __init__(self, *args, viewer: User, escalated_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(OPEN, "Open"), *Complaint.Status.choices, (ALL, "All")]
        # Choices read once (one query), rather than a queryset read to draw it and again to check it.
        points = [(point.pk, str(point)) for point in service_points_for(viewer)]
        self.fields["service_point"].choices = [("", "Every service point"), *points]
        self.fields["branch"] = BranchFilterField(viewer=viewer)
        if escalated_only:
            # All escalated; an escalated complaint met its deadline ("resolve or escalate").
            del self.fields["status"]
            del self.fields["overdue"]

    def criteria(self) -> QueueFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return QueueFilter(
            status=data.get("status") or OPEN,
            overdue=data.get("overdue", False),
            mine=data.get("mine", False),
            service_point_id=data.get("service_point"),
            newest_first=data.get("sort") == "newest",
            branch_id=self.branch_id(),
        )
