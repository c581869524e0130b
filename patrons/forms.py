from crispy_forms.bootstrap import FieldWithButtons, StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from patrons.models import Patron
from patrons.presence import is_patrons_card
from patrons.selectors import LOOKUP_QUERY_MAX_LENGTH, lookup_terms, patron_by_card
from patrons.services import (
    DUPLICATE_CARD_MESSAGE,
    PATRON_FIELDS,
    STATUS_REASON_MAX_LENGTH,
    oldest_birth_date,
    validate_birth_date,
)
from servicedesk.lib.forms import BootstrapBoundField
from staff.access import may_block_patron, may_change_card_status
from staff.models import Branch

WHAT_TO_TYPE = "type a card number or the start of a name, e.g. “Zoe Sm” or “Smith, Zoe”."


def patron_card_field(help_text: str) -> forms.CharField:
    """The optional card number by which a desk form links a patron (see PatronCardMixin)."""
    return forms.CharField(
        label="Patron's card number",
        required=False,
        max_length=32,
        help_text=help_text,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )


class PatronCardMixin:
    """For a form with a `patron_card` field and a `viewer`: the card cleans to the patron it
    belongs to, as the viewer may look them up, or to None when left empty."""

    patron_card_unknown = "No patron has this card number. Check the digits, or leave it empty."

    def clean_patron_card(self):
        card = self.cleaned_data["patron_card"].strip()
        if not card:
            return None
        patron = patron_by_card(self.viewer, card)
        if patron is None:
            raise forms.ValidationError(self.patron_card_unknown)
        return patron


class PresentCardForm(forms.Form):
    """The patron's card, scanned or typed on the update page, which opens their registration
    details to staff who need the patron present (patrons/presence.py). What was typed is kept
    when it is not the card, so that a slip of one digit is fixed, not typed again."""

    presented_card = forms.CharField(
        label="Patron's card number",
        max_length=64,
        error_messages={"required": "Scan or type the patron's card number to open their details."},
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, patron, **kwargs):
        super().__init__(*args, **kwargs)
        self.patron = patron
        self.fields["presented_card"].help_text = (
            f"The card the patron has with them ({settings.PATRON_CARD_NUMBER_HINT}). "
            "Without it, a supervisor of the patron's home branch can open the details."
        )
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.form_action = reverse("patrons:edit", args=[patron.pk])
        self.helper.form_id = "present-card"
        self.helper.layout = Layout(
            FieldWithButtons("presented_card", StrictButton("Open details", type="submit", css_class="btn-primary"))
        )

    def clean_presented_card(self):
        if not is_patrons_card(self.patron, self.cleaned_data["presented_card"]):
            raise forms.ValidationError(
                f"That is not {self.patron.full_name}'s card number: check the digits and scan or type it again.",
                code="not_the_patrons_card",
            )
        return self.cleaned_data["presented_card"]


class PatronLookupForm(forms.Form):
    """The look-up box. It is posted, never put in a URL: card numbers and names are
    confidential and URLs end up in browser history and server logs. Drawn by
    templates/patrons/lookup.html in crispy-forms' Bootstrap markup, without a crispy layout:
    the desk posts it all day."""

    bound_field_class = BootstrapBoundField

    query = forms.CharField(
        label="Card number or name",
        max_length=LOOKUP_QUERY_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["query"]
        field.help_text = (
            f"A card number ({settings.PATRON_CARD_NUMBER_HINT}), or the start of a first or last "
            "name, or of both: “Zoe”, “Zoe Sm”, “Smith, Zoe”. Capitals and accents do not matter."
        )
        field.error_messages = {
            "required": f"Nothing to search for yet: {WHAT_TO_TYPE}",
            "max_length": (
                "That is longer than a card number or a name (at most %(limit_value)d characters, "
                f"it has %(show_value)d): {WHAT_TO_TYPE}"
            ),
        }
        # Let a long paste through to the server, which explains the limit, rather than
        # have the browser cut it silently.
        field.widget.attrs.pop("maxlength", None)

    def clean_query(self):
        query = self.cleaned_data["query"].strip()
        if not lookup_terms(query):
            raise forms.ValidationError(
                f"There are no letters or digits to search for in that: {WHAT_TO_TYPE}", code="nothing_to_search"
            )
        return query


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PatronForm(forms.ModelForm):
    """Registration and update of a patron: quick to go through with the patron at the desk,
    who may be reading along. It validates; patrons/services.py saves."""

    class Meta:
        model = Patron
        fields = list(PATRON_FIELDS)
        widgets = {
            "card_number": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}),
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "address": forms.Textarea(attrs={"autocomplete": "street-address", "rows": 3, "maxlength": 500}),
            "birth_date": DateInput(attrs={"autocomplete": "bday"}),
        }
        labels = {
            "card_number": "Card number",
            "first_name": "First name",
            "last_name": "Last name",
            "email": "E-mail",
            "phone": "Phone",
            "address": "Address",
            "birth_date": "Date of birth",
            "home_branch": "Home branch",
            "preferred_language": "Preferred language",
            "status": "Card status",
        }
        help_texts = {
            "first_name": "As the patron wants to be addressed.",
            "email": "Optional. For notices about holds and due dates.",
            "phone": "Optional. For callbacks and notices.",
            "address": "Optional. Street, city and postal code.",
            "birth_date": "Optional.",
            "home_branch": "The branch the patron uses most.",
            "preferred_language": "The language the patron prefers for notices and help.",
            "status": "Active unless the card has expired, is lost or is blocked.",
        }
        error_messages = {
            "card_number": {
                "required": "Type or scan the number of the patron's new card.",
                "unique": DUPLICATE_CARD_MESSAGE,
                "max_length": "A card number has at most %(limit_value)d characters (this has %(show_value)d).",
            },
            "first_name": {
                "required": "Type the patron's first name.",
                "max_length": "Keep the first name to %(limit_value)d characters (it has %(show_value)d).",
            },
            "last_name": {
                "required": "Type the patron's last name.",
                "max_length": "Keep the last name to %(limit_value)d characters (it has %(show_value)d).",
            },
            "email": {"invalid": "Type the whole e-mail address, e.g. name@example.org, or leave it empty."},
            "phone": {"max_length": "Keep the phone number to %(limit_value)d characters (it has %(show_value)d)."},
            "address": {"max_length": "Keep the address to %(limit_value)d characters (it has %(show_value)d)."},
            "birth_date": {"invalid": "Give the date of birth as a date, e.g. 1990-04-23, or leave it empty."},
            "home_branch": {
                "required": "Choose the patron's home branch.",
                "invalid_choice": "That branch is no longer offered; choose one from the list.",
            },
            "preferred_language": {"invalid_choice": "Choose a language from the list."},
            "status": {"invalid_choice": "Choose a card status from the list."},
        }

    def __init__(self, *args, viewer=None, **kwargs):
        """`viewer` updates the patron (None while registering): the card statuses offered are
        the ones they may set (patrons/services.py refuses the others)."""
        super().__init__(*args, **kwargs)
        self._offer_card_statuses(viewer)
        self.fields["card_number"].help_text = f"{settings.PATRON_CARD_NUMBER_HINT.capitalize()}."
        self.fields["home_branch"].queryset = Branch.objects.all()
        self.fields["home_branch"].empty_label = "Choose a branch"
        self.fields["birth_date"].validators.append(validate_birth_date)
        today = timezone.localdate()
        self.fields["birth_date"].widget.attrs.update(
            {"min": oldest_birth_date(today).isoformat(), "max": today.isoformat()}
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        # Registration starts at the card; an update starts wherever the change is.
        card_number = Field("card_number", autofocus=True) if self.instance.pk is None else "card_number"
        self.helper.layout = Layout(
            Fieldset(
                "Card",
                Div(
                    Div(card_number, css_class="col-md-6"),
                    Div("status", css_class="col-md-6"),
                    css_class="row",
                ),
                *(["status_reason"] if "status_reason" in self.fields else []),
            ),
            Fieldset(
                "Name",
                Div(
                    Div("first_name", css_class="col-md-6"),
                    Div("last_name", css_class="col-md-6"),
                    css_class="row",
                ),
            ),
            Fieldset(
                "Contact",
                Div(
                    Div("email", css_class="col-md-6"),
                    Div("phone", css_class="col-md-6"),
                    css_class="row",
                ),
                "address",
            ),
            Fieldset(
                "About the patron",
                Div(
                    Div("birth_date", css_class="col-md-4"),
                    Div("home_branch", css_class="col-md-4"),
                    Div("preferred_language", css_class="col-md-4"),
                    css_class="row",
                ),
            ),
        )

    def _offer_card_statuses(self, viewer) -> None:
        """The current status always, and what the viewer may change it to (roles.md: desk
        staff mark lost and renew; blocking and lifting a block is for a supervisor of the
        home branch and the Director, who give a reason). A status posted by hand stays
        shown, with the service's refusal beside it. A new card never starts blocked."""
        patron = self.instance
        if patron.pk is None:
            offered = [s for s in Patron.Status.values if s != Patron.Status.BLOCKED]
        else:
            offered = [s for s in Patron.Status.values if may_change_card_status(viewer, patron, s)]
            if may_block_patron(viewer, patron):
                self.fields["status_reason"] = forms.CharField(
                    label="Reason for blocking the card or lifting the block",
                    required=False,
                    max_length=STATUS_REASON_MAX_LENGTH,
                    help_text="Needed when you block the card or lift a block; kept with the patron's details.",
                    error_messages={
                        "max_length": "Keep the reason to %(limit_value)d characters (it has %(show_value)d)."
                    },
                )
        posted = self.data.get("status") if self.is_bound else None
        self.fields["status"].widget.choices = [
            (value, label) for value, label in Patron.Status.choices if value in offered or value == posted
        ]

    def clean_card_number(self):
        # Staff may type the number as printed, in groups: "2000 1234 5678 90".
        return "".join(self.cleaned_data["card_number"].split())

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone and not any(ch.isdigit() for ch in phone):
            raise forms.ValidationError("A phone number has digits, e.g. 555-123-4567; or leave it empty.")
        return phone

    def patron_fields(self) -> dict:
        """The cleaned values, named as the services take them."""
        return {name: self.cleaned_data[name] for name in PATRON_FIELDS}

    def status_reason(self) -> str:
        """Why a card is blocked or a block lifted (the field only those who may do it see)."""
        return self.cleaned_data.get("status_reason", "")
