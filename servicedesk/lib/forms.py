"""What every app's forms and form views share: the submission key that makes a double submit
count once, the wording of a too-long text, where a service's refusal lands on a form, the
Bootstrap classes of a form drawn without crispy-forms, and the renderer of every widget."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist
from django.utils.functional import cached_property


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


class BootstrapBoundField(BoundField):
    """A field whose widget carries Bootstrap 5's classes (`form-control`, `form-select`,
    `form-check-input`, `is-invalid` when it has errors), named as crispy-forms' bootstrap5
    pack names them, so that a form rendered by its own template looks like the crispy ones.
    Radio buttons and groups of checkboxes (CheckboxSelectMultiple, a RadioSelect) are drawn
    input by input by templates/_fields.html, which gives them their class. A hot page's form
    sets `bound_field_class = BootstrapBoundField` and is drawn with the partials of
    templates/_fields.html instead of a crispy-forms layout."""

    def build_widget_attrs(self, attrs, widget=None):
        widget = widget or self.field.widget
        if not widget.is_hidden and not isinstance(widget, forms.RadioSelect):
            attrs = {"class": self._bootstrap_class(widget), **attrs}
        return super().build_widget_attrs(attrs, widget)

    def _bootstrap_class(self, widget) -> str:
        if isinstance(widget, forms.CheckboxInput):
            role = "form-check-input"
        elif isinstance(widget, forms.Select):
            role = "form-select"
        else:
            role = "form-control"
        return f"{type(widget).__name__.lower()} {role}{' is-invalid' if self.errors else ''}"


class WidgetRenderer(Jinja2):
    """Draws Django's own widgets with Jinja2 (their templates ship in django/forms/jinja2):
    the same markup at a fraction of the Django template engine's cost, which on the desk
    console was most of the form's rendering time (benchmarks/RESULTS.md). A widget whose
    template exists only for Django templates (the admin's) is drawn by them."""

    @cached_property
    def django_templates(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self.django_templates.get_template(template_name)
