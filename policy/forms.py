from crispy_forms.bootstrap import FieldWithButtons, StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Field, Layout
from django import forms
from django.urls import reverse
from django.utils import timezone

from policy.follow_through import DEFAULT_WEEKS, WEEK_CHOICES
from policy.models import ChecklistItem
from policy.selectors import SEARCH_MAX_LENGTH, delegation_candidates
from policy.text import HEADING
from servicedesk.lib.dates import PLANS, BoundedDateField
from servicedesk.lib.forms import BootstrapBoundField


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

    effective_on = BoundedDateField(
        window=PLANS,
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
            "is one sentence, then a line “Why:” with its rationale (required), a line “Where:” "
            "saying where in the app it applies (optional) and a line “Key:” naming it for the "
            "checklists (keep it when you reword the sentence). Leave a blank line between principles."
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


# Checklists ---------------------------------------------------------------------------------

def checklist_field_name(item) -> str:
    return f"tick_{item.pk}"


def checklist_fields(items, *, ticked=None) -> dict[str, forms.BooleanField]:
    """A checkbox per item, ticked as saved (`ticked`, item pks) or else as the item's default."""
    return {
        checklist_field_name(item): forms.BooleanField(
            label=item.label,
            required=False,
            initial=item.default_ticked if ticked is None else item.pk in ticked,
        )
        for item in items
    }


def ticked_in(form, items) -> set[int]:
    return {item.pk for item in items if form.cleaned_data.get(checklist_field_name(item))}


class ChecklistForm(forms.Form):
    """One checklist's items as checkboxes in tab order (space ticks one): on a page of its
    own form, or inside another page's form with a prefix. Drawn by the "checklist" partial
    of templates/_fields.html (`{% include "_fields.html#checklist" with form=... %}`): the
    desk console shows one on every request."""

    bound_field_class = BootstrapBoundField

    def __init__(self, *args, items, legend: str, ticked=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        self.legend = legend
        self.fields.update(checklist_fields(items, ticked=ticked))

    def ticked(self) -> set[int]:
        """The items ticked in the data sent. A checkbox is sent or not: there is nothing to
        correct, so the form is always valid."""
        self.is_valid()
        return ticked_in(self, self.items)


class ChecklistItemsForm(forms.Form):
    """The Director's edit of one checklist's items: a row per item."""

    def __init__(self, *args, checklist, items, **kwargs):
        super().__init__(*args, prefix=checklist.key, **kwargs)
        self.checklist = checklist
        self.items = items
        for item in items:
            self.fields[f"{item.pk}_label"] = forms.CharField(
                label="Label",
                initial=item.label,
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm checklist-label"}),
                max_length=ChecklistItem._meta.get_field("label").max_length,
                error_messages={
                    "required": "Write the label staff see next to the checkbox.",
                    "max_length": "Keep the label to %(limit_value)d characters (it has %(show_value)d).",
                },
            )
            self.fields[f"{item.pk}_default_ticked"] = forms.BooleanField(
                label="Ticked unless unticked",
                required=False,
                initial=item.default_ticked,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
            self.fields[f"{item.pk}_position"] = forms.IntegerField(
                label="Position",
                initial=item.position,
                widget=forms.NumberInput(attrs={"class": "form-control form-control-sm checklist-position"}),
                min_value=0,
                max_value=999,
                error_messages={
                    "required": "Give the position as a number, e.g. 1 (lower comes first).",
                    "invalid": "Give the position as a whole number, e.g. 1 (lower comes first).",
                    "min_value": "A position is 0 or more.",
                    "max_value": "A position is at most %(limit_value)s.",
                },
            )
            self.fields[f"{item.pk}_active"] = forms.BooleanField(
                label="Asked",
                required=False,
                initial=item.active,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
            self.fields[f"{item.pk}_only_when"] = forms.ChoiceField(
                label="When",
                choices=ChecklistItem.OnlyWhen.choices,
                required=False,
                initial=item.only_when,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
                error_messages={"invalid_choice": "Choose when the item is asked from the list."},
            )

    ITEM_FIELDS = ("label", "default_ticked", "position", "active", "only_when")

    def rows(self):
        """Each item with its bound fields, for the table."""
        for item in self.items:
            yield item, {name: self[f"{item.pk}_{name}"] for name in self.ITEM_FIELDS}

    def changes(self) -> dict[int, dict]:
        return {
            item.pk: {name: self.cleaned_data[f"{item.pk}_{name}"] for name in self.ITEM_FIELDS}
            for item in self.items
        }


class FollowThroughForm(forms.Form):
    """Which team and how many weeks. In the address (GET): it names branches and desks, nothing confidential."""

    where = forms.ChoiceField(
        label="Team",
        required=False,
        error_messages={"invalid_choice": "Choose a branch or a service point from the list."},
    )
    weeks = forms.TypedChoiceField(
        label="Weeks",
        coerce=int,
        required=False,
        initial=DEFAULT_WEEKS,
        empty_value=DEFAULT_WEEKS,
        choices=[(weeks, f"The last {weeks} weeks") for weeks in WEEK_CHOICES],
        error_messages={"invalid_choice": "Choose how many weeks from the list."},
    )

    def __init__(self, *args, branches, points, everyone: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Every branch" if everyone else "My branches")] if everyone or len(branches) != 1 else []
        for branch in branches:
            choices.append((f"b{branch.pk}", branch.name))
            choices += [(f"p{point.pk}", f"{branch.name} — {point.name}") for point in points if point.branch_id == branch.pk]
        self.fields["where"].choices = choices
        self.branches = {branch.pk: branch for branch in branches}
        self.points = {point.pk: point for point in points}
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row g-2 align-items-end"
        self.helper.layout = Layout(
            Field("where", wrapper_class="col-sm-6 col-md-5"),
            Field("weeks", wrapper_class="col-sm-4 col-md-3"),
            HTML('<div class="col-auto mb-3"><button type="submit" class="btn btn-primary">Show</button></div>'),
        )

    def selection(self) -> tuple:
        """(branch, service point) chosen, either or both None; the defaults while invalid."""
        where = self.cleaned_data.get("where", "") if self.is_valid() else ""
        if not where and len(self.branches) == 1:
            return next(iter(self.branches.values())), None
        if where.startswith("b"):
            return self.branches[int(where[1:])], None
        if where.startswith("p"):
            point = self.points[int(where[1:])]
            return self.branches[point.branch_id], point
        return None, None

    def week_count(self) -> int:
        return self.cleaned_data["weeks"] if self.is_valid() else DEFAULT_WEEKS
