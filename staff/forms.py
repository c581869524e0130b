import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.text import capfirst

from servicedesk.lib.dates import BoundedDateField
from staff.access import report_branches
from staff.models import AccessRecord


class ServicePointForm(forms.Form):
    service_point = forms.ModelChoiceField(
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Choose the desk or line you are working at.",
            "invalid_choice": "That service point is not one of your branch's; choose one from the list.",
        },
    )

    def __init__(self, *args, service_points, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_point"].queryset = service_points


class RetentionForm(forms.Form):
    retention_days = forms.IntegerField(
        label="Retention period (days)",
        min_value=1,
        max_value=3650,
        help_text="Interactions older than this lose their patron link and note every night; their statistics stay.",
        error_messages={
            "required": "Give the retention period in days, e.g. 90.",
            "invalid": "Give the retention period as a whole number of days, e.g. 90.",
            "min_value": "Keep them at least %(limit_value)s day.",
            "max_value": "At most %(limit_value)s days (ten years).",
        },
    )


NOT_A_CARD_NUMBER = (
    "That looks like a card number. The access record finds a record by its kind and id "
    "(the number in its page's address, e.g. 42 in /patrons/42/), never by card number or name."
)


class AccessRecordFilterForm(forms.Form):
    """The access record's filter. It travels in the URL, so it takes no patron name or card
    number: a record is named by its kind and id, a person by their username."""

    action = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": "Choose an action from the list."}
    )
    record_type = forms.ChoiceField(
        label="Kind of record",
        required=False,
        error_messages={"invalid_choice": "Choose a kind of record from the list."},
    )
    record_id = forms.IntegerField(
        label="Record id",
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text="The number in the record's address, e.g. 42 in /patrons/42/.",
        error_messages={
            "invalid": "A record id is a whole number, e.g. 42.",
            "min_value": "A record id is 1 or more.",
            "max_value": "No record has an id that large.",
        },
    )
    who = forms.CharField(
        label="Who (username contains)",
        required=False,
        max_length=150,
        error_messages={"max_length": "A username has at most %(limit_value)d characters."},
    )
    date_from = BoundedDateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Give a date as year-month-day, e.g. 2026-03-31."},
    )
    date_to = BoundedDateField(
        label="To (inclusive)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Give a date as year-month-day, e.g. 2026-03-31."},
    )

    def __init__(self, *args, actions, record_types, **kwargs):
        """The lists offer only the actions and kinds of record the viewer may see."""
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "Any action")] + [
            (value, label) for value, label in AccessRecord.Action.choices if value in actions
        ]
        labels = {model._meta.model_name: capfirst(model._meta.verbose_name) for model in apps.get_models()}
        self.fields["record_type"].choices = [("", "Any kind")] + [
            (record_type, labels[record_type]) for record_type in record_types
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(Row(*(Column(name, css_class="col-sm-6 col-lg-4 col-xxl-2") for name in self.fields)))

    def clean_record_id(self):
        if _is_card_number(self.data.get(self.add_prefix("record_id"), "")):
            raise forms.ValidationError(NOT_A_CARD_NUMBER, code="card_number")
        return self.cleaned_data["record_id"]

    def clean_who(self):
        who = self.cleaned_data["who"]
        if _is_card_number(who):
            raise forms.ValidationError(NOT_A_CARD_NUMBER, code="card_number")
        if who and not re.fullmatch(UnicodeUsernameValidator.regex, who):
            raise forms.ValidationError(
                "A username has only letters, digits and @ . + - _ (no spaces). "
                "Patrons are not named here: find their record by kind and id.",
                code="not_a_username",
            )
        return who

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date is before the start date.")
        return cleaned


def _is_card_number(text: str) -> bool:
    return bool(re.fullmatch(settings.PATRON_CARD_NUMBER_PATTERN, "".join(text.split())))


class BranchFilterField(forms.ChoiceField):
    """A list's `?branch=`, by the branch's number or code (`?branch=main`): one of the branches
    the viewer's lists name (staff.access.report_branches: the Director every branch, others
    their own). It narrows a list already limited to what the viewer may see, so it never
    widens it; a branch outside the choices is bad input, and the list comes back empty with
    the message."""

    def __init__(self, *, viewer, **kwargs):
        self.branches = list(report_branches(viewer).order_by("name"))
        super().__init__(
            label="Branch",
            required=False,
            choices=[("", "Every branch"), *((str(branch.pk), branch.name) for branch in self.branches)],
            error_messages={"invalid_choice": "Choose a branch from the list: that one is not among the branches you see."},
            **kwargs,
        )

    def to_python(self, value):
        value = super().to_python(value).strip()
        return next((str(branch.pk) for branch in self.branches if value == branch.code), value)


class BranchFilterMixin:
    """For a list's filter form with a `branch` field (BranchFilterField)."""

    @property
    def offers_branches(self) -> bool:
        """Whether the form draws the choice (the viewer sees more than one branch); otherwise a
        branch chosen by a link travels along hidden."""
        return len(self.fields["branch"].branches) > 1

    def branch_id(self) -> int | None:
        value = self.cleaned_data.get("branch") if self.is_valid() else None
        return int(value) if value else None

    @property
    def chosen_branch(self):
        """The branch the list is narrowed to, or None (every branch the viewer sees)."""
        pk = self.branch_id()
        return next((branch for branch in self.fields["branch"].branches if branch.pk == pk), None)
