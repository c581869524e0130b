"""The callback forms: scheduling one, its steps, and the list's filter. They validate what was
typed; desk/services/callbacks.py saves (and checks the due time and the assignee again).
Drawn with the partials of templates/_fields.html (BootstrapBoundField), not crispy layouts:
the callback's page is one of the desk's hot pages."""

from django import forms

from desk.models import Callback
from desk.selectors.callbacks import ALL, FINISHED, HERE, MINE, OPEN, OVERDUE
from interactions.models import InteractionKind
from interactions.selectors import kind_choices
from servicedesk.lib.dates import BoundedDateTimeField
from servicedesk.lib.forms import BootstrapBoundField, text_errors
from servicedesk.lib.workflow import TEXT_MAX_LENGTH
from staff.access import callback_assignees
from staff.forms import BranchFilterField, BranchFilterMixin

class DateTimeLocalInput(forms.DateTimeInput):
    """A due date and time, picked in the browser's own calendar and clock."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


NOTE_FIELD = forms.CharField(
    label="Internal note (optional)",
    required=False,
    max_length=TEXT_MAX_LENGTH,
    widget=forms.Textarea(attrs={"rows": 2}),
    error_messages=text_errors("the note"),
)


class _Form(forms.Form):
    bound_field_class = BootstrapBoundField


def _due_at_field(help_text: str = "") -> BoundedDateTimeField:
    return BoundedDateTimeField(
        label="Due by",
        widget=DateTimeLocalInput(),
        help_text=help_text,
        error_messages={"required": "Give the time to call back by.", "invalid": "Give a date and time, e.g. 2026-11-28 14:30."},
    )


def _assigned_to_field(branch_id: int, service_point_name: str) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        label="Who calls back",
        queryset=callback_assignees(branch_id),
        required=False,
        empty_label=f"Whoever is on {service_point_name}",
        error_messages={"invalid_choice": "Choose someone of the branch from the list, or the service point."},
    )
    # Drawn from one plain query (a ModelChoiceField iterates a server-side cursor on
    # PostgreSQL, three round trips); what is sent is still checked against the queryset.
    people = field.queryset.only("username", "first_name", "last_name")
    field.choices = [("", field.empty_label), *((user.pk, user.get_full_name() or user.username) for user in people)]
    return field


class CallbackForm(_Form):
    """Scheduling a callback: who to call, on which number, about what, by when, and who calls."""

    caller_name = forms.CharField(
        label="Caller's name",
        max_length=Callback.NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
        error_messages={"required": "Give the caller's name (a first name will do).", **text_errors("the name")},
    )
    caller_phone = forms.CharField(
        label="Number to call",
        max_length=Callback.PHONE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
        error_messages={"required": "Give the number to call back.", **text_errors("the number")},
    )
    need = forms.CharField(
        label="What they need",
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what the caller needs, so whoever calls back can prepare.", **text_errors("what they need")},
    )

    def __init__(self, *args, branch_id: int, service_point_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_at"] = _due_at_field(
            "Counted in the desk's opening hours; change it if the caller asked for a time."
        )
        self.fields["assigned_to"] = _assigned_to_field(branch_id, service_point_name)


class DoneForm(_Form):
    """The call was made: what came of it, and the interaction it is logged as."""

    result = forms.CharField(
        label="What came of the call",
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what came of the call.", **text_errors("the result")},
    )
    kind = forms.TypedChoiceField(
        label="Kind of question (for the log)",
        coerce=int,
        error_messages={"required": "Choose the kind of question.", "invalid_choice": "Choose a kind from the list."},
    )
    duration_minutes = forms.IntegerField(
        label="Minutes on the phone (optional)",
        required=False,
        min_value=1,
        max_value=600,
        error_messages={"min_value": "Give at least one minute, or leave it empty.", "max_value": "Give at most 600 minutes."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices()

    def clean_kind(self):
        kind = InteractionKind.objects.filter(pk=self.cleaned_data["kind"], is_active=True).first()
        if kind is None:
            raise forms.ValidationError("Choose a kind from the list.")
        return kind


class NoAnswerForm(_Form):
    note = NOTE_FIELD


class ChangeForm(_Form):
    """A new due time or another person to call."""

    note = NOTE_FIELD

    def __init__(self, *args, callback: Callback, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_at"] = _due_at_field()
        self.fields["assigned_to"] = _assigned_to_field(callback.branch_id, callback.service_point.name)
        self.order_fields(["due_at", "assigned_to", "note"])


class CancelForm(_Form):
    reason = forms.CharField(
        label="Why it is cancelled",
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why it is cancelled.", **text_errors("the reason")},
    )


class ListFilterForm(BranchFilterMixin, _Form):
    """The list's filter; it travels in the URL and holds no caller's name or words."""

    show = forms.ChoiceField(
        required=False,
        initial=ALL,
        choices=[(MINE, "Mine"), (HERE, "This service point"), (OVERDUE, "Overdue"), (ALL, "All I may see")],
        error_messages={"invalid_choice": "Choose whose callbacks to show from the list."},
    )
    status = forms.ChoiceField(
        required=False,
        initial=OPEN,
        choices=[(OPEN, "To call"), (FINISHED, "Finished"), (ALL, "All")],
        error_messages={"invalid_choice": "Choose a status from the list."},
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"] = BranchFilterField(viewer=viewer)

    def criteria(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {"show": data.get("show") or ALL, "status": data.get("status") or OPEN, "branch_id": self.branch_id()}
