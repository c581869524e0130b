import datetime

from django import forms
from django.contrib.auth.models import User
from django.forms.boundfield import BoundField
from django.utils import timezone

from interactions.models import (
    MINUTES_IN_A_DAY,
    NOTE_MAX_LENGTH,
    Interaction,
    InteractionKind,
)
from interactions.selectors import kind_choices
from patrons.forms import PatronCardMixin, patron_card_field
from policy.forms import checklist_field_name, checklist_fields, ticked_in
from servicedesk.lib.dates import BoundedDateTimeField
from servicedesk.lib.forms import BootstrapBoundField


class TimeOfDayInput(forms.DateTimeInput):
    """A date and a 24-hour time typed as text: a browser's datetime-local box shows a 12-hour
    clock in some locales and can flip AM/PM as the hour is typed."""

    def __init__(self, **kwargs):
        attrs = {"placeholder": "2026-11-28 14:30", "autocomplete": "off", "spellcheck": "false", **kwargs.pop("attrs", {})}
        super().__init__(format="%Y-%m-%d %H:%M", attrs=attrs, **kwargs)


# "When": now, a few minutes ago, or an exact time typed below (for a correction, or a contact
# logged long after). One stop for the keyboard: the exact time is shown only when chosen.
WHEN_NOW = "now"
WHEN_EXACT = "exact"
WHEN_CHOICES = [
    (WHEN_NOW, "Now"),
    ("5", "5 minutes ago"),
    ("10", "10 minutes ago"),
    ("15", "15 minutes ago"),
    ("30", "30 minutes ago"),
    ("60", "An hour ago"),
    (WHEN_EXACT, "At the exact time below"),
]


class InteractionForm(PatronCardMixin, forms.ModelForm):
    """The full desk form, also used to correct an interaction on its page. It validates;
    the services in interactions/services.py save.

    It is drawn by templates/interactions/_interaction_form.html, not by a crispy-forms layout:
    the console shows it on every request, and the layout cost three times what Django's own
    rendering of the same Bootstrap markup costs (benchmarks/RESULTS.md)."""

    bound_field_class = BootstrapBoundField

    patron_card = patron_card_field("Optional: scan or type it to attach the patron. Leave empty to keep it anonymous.")
    when = forms.ChoiceField(label="When", choices=WHEN_CHOICES, required=False)
    patron_card_unknown = "No patron has this card number. Check the digits, register the patron, or leave it empty."

    class Meta:
        model = Interaction
        fields = [
            "kind",
            "channel",
            "effort",
            "outcome",
            "alternative",
            "duration_minutes",
            "note",
            "occurred_at",
        ]
        widgets = {
            "kind": forms.Select(attrs={"autofocus": True}),
            "channel": forms.RadioSelect,
            "effort": forms.RadioSelect,
            "occurred_at": TimeOfDayInput(),
            "note": forms.Textarea(attrs={"rows": 2, "maxlength": NOTE_MAX_LENGTH}),
            "duration_minutes": forms.NumberInput(attrs={"min": 0, "max": MINUTES_IN_A_DAY}),
        }
        field_classes = {"occurred_at": BoundedDateTimeField}
        labels = {"occurred_at": "Exact time", "kind": "Kind of question"}
        help_texts = {
            "effort": "READ scale: how much effort the answer took.",
            "alternative": "Needed when the outcome is “alternative offered” or “could not help”.",
            "note": "Confidential. Only you, your supervisor and the Director can read it.",
            "occurred_at": "Date and 24-hour time, e.g. 2026-11-28 14:30. Not in the future.",
        }
        error_messages = {
            "kind": {"required": "Choose the kind of question.", "invalid_choice": "Choose a kind from the list."},
            "duration_minutes": {"invalid": "Give the duration as a whole number of minutes, e.g. 5."},
            "occurred_at": {"invalid": "Give the date and time, e.g. 2026-11-28 14:30.", "required": "Say when it happened."},
            "note": {"max_length": "Keep the note to %(limit_value)d characters (it has %(show_value)d)."},
        }

    def __init__(self, *args, viewer: User, checklist_items, ticked=None, **kwargs):
        """`checklist_items` the interaction and phone checklists' items; `ticked` the item
        pks ticked for this interaction, or None for a new one (the items' defaults)."""
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self.checklist_items = checklist_items
        self.fields.update(checklist_fields(checklist_items, ticked=ticked))
        self.fields["kind"].queryset = InteractionKind.objects.filter(is_active=True)
        # Drawn from the cached kinds; what is sent is still checked against the table.
        self.fields["kind"].choices = kind_choices()
        self.fields["alternative"].choices = [("", "— none —"), *Interaction.Alternative.choices]
        if self.instance.pk and self.instance.patron_id:
            self.fields["patron_card"].initial = self.instance.patron.card_number
        # A new entry happened now; a saved one, at its saved time.
        self.fields["when"].initial = WHEN_EXACT if self.instance.pk else WHEN_NOW
        # Required only for an exact time (clean()).
        self.fields["occurred_at"].required = False

    def clean_occurred_at(self):
        # The field has minute precision: the current minute means "now", exactly. So does the
        # minute the desk form offered when it was shown, left as it was: a form that waited
        # at the desk logs the moment it is sent, not the moment it appeared.
        occurred_at = self.cleaned_data["occurred_at"]
        if occurred_at is None:
            return None
        now = timezone.now()
        offered_and_left = self.fields["occurred_at"].show_hidden_initial and "occurred_at" not in self.changed_data
        if offered_and_left or (occurred_at and occurred_at <= now < occurred_at + datetime.timedelta(minutes=1)):
            return now
        return occurred_at

    def clean(self):
        """"When": now, so many minutes ago, or the exact time typed (also when no choice was
        sent, as from a page drawn before the choice existed)."""
        cleaned = super().clean()
        when = cleaned.get("when") or WHEN_EXACT
        if when == WHEN_EXACT:
            if cleaned.get("occurred_at") is None and "occurred_at" not in self.errors:
                self.add_error("occurred_at", self.fields["occurred_at"].error_messages["required"])
            return cleaned
        # The exact time is not used, so what is in its box (hidden) cannot be wrong.
        self.errors.pop("occurred_at", None)
        minutes = 0 if when == WHEN_NOW else int(when)
        cleaned["occurred_at"] = timezone.now() - datetime.timedelta(minutes=minutes)
        return cleaned

    def interaction_fields(self) -> dict:
        """The cleaned values, named as the services take them."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["patron"] = self.cleaned_data["patron_card"]
        data["checklist"] = ticked_in(self, self.checklist_items)
        return data

    def checklist(self) -> list[tuple[BoundField, object]]:
        """Each checklist item's checkbox with its item, whose `only_when` marks an item that
        applies only sometimes (static/js/app.js shows it when it does)."""
        return [(self[checklist_field_name(item)], item) for item in self.checklist_items]


def new_log_form(*, viewer: User, service_point, checklist_items, data=None, channel: str = "") -> InteractionForm:
    """The full form as the console offers it: now (the moment it is sent, unless staff change
    the time), here, the usual channel (or `channel`, when one is asked for: a waiting patron
    being served is in person), effort 1, the checklist's defaults ticked."""
    from interactions.services import default_channel

    form = InteractionForm(
        data,
        viewer=viewer,
        checklist_items=checklist_items,
        initial={
            "occurred_at": timezone.localtime().replace(second=0, microsecond=0),
            "channel": channel if channel in Interaction.Channel.values else default_channel(service_point),
            "effort": 1,
            "outcome": Interaction.Outcome.ANSWERED,
        },
    )
    # The offered minute travels with the form, so clean_occurred_at can tell it was left.
    form.fields["occurred_at"].show_hidden_initial = True
    return form



class VoidForm(forms.Form):
    """Voiding an interaction: the reason is required (roles.md: "void with a reason")."""

    bound_field_class = BootstrapBoundField

    reason = forms.CharField(
        label="Why void it",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": NOTE_MAX_LENGTH}),
        help_text="Kept with the interaction, which stays in the record, marked, and leaves the counts and reports.",
        error_messages={"required": "Say why it is voided (e.g. logged twice, logged at the wrong desk)."},
    )
