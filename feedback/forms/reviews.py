"""The request-for-reconsideration form and the forms of each review step. They validate;
feedback/services/reviews.py saves."""

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout
from django import forms
from django.contrib.auth.models import User

from feedback.models import TEXT_MAX_LENGTH, ReplyChannel, Reviewer, ReviewRequest
from feedback.services.reviews import REQUEST_FIELDS, committee_candidates
from patrons.forms import PatronCardMixin, patron_card_field
from servicedesk.lib.forms import BootstrapBoundField

DECISIONS = ReviewRequest.Decision.choices
TOO_LONG = "Keep it to %(limit_value)d characters (it has %(show_value)d)."


def _textarea(rows=3, maxlength=TEXT_MAX_LENGTH):
    return forms.Textarea(attrs={"rows": rows, "maxlength": maxlength})


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    if layout:
        helper.layout = Layout(*layout)
    return helper


def _note_field():
    return forms.CharField(
        label="Internal note",
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=_textarea(2),
        help_text="For the timeline, for staff only: never sent to the requester.",
        error_messages={"max_length": TOO_LONG},
    )


class ReviewRequestForm(PatronCardMixin, forms.ModelForm):
    """The request for reconsideration, as libraries' own forms ask it, filled in by staff with
    the patron (who may be reading along)."""

    patron_card = patron_card_field("Optional: scan or type it to link the patron's record.")

    class Meta:
        model = ReviewRequest
        fields = [name for name in REQUEST_FIELDS if name != "patron"]
        widgets = {
            "represents": forms.RadioSelect,
            "whole_item": forms.RadioSelect,
            "requested_action": forms.RadioSelect,
            "requester_address": _textarea(2, 500),
            "concern": _textarea(4),
            "concern_location": _textarea(2),
            "effect": _textarea(2),
            "aware_of_reviews": _textarea(2),
            "requester_email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "requester_phone": forms.TextInput(attrs={"autocomplete": "off", "type": "tel"}),
        }
        labels = {
            "title": "Title",
            "creator": "Author or creator",
            "format": "Format",
            "identifier": "Call number or identifier",
            "requester_name": "Requester's name",
            "requester_email": "E-mail",
            "requester_phone": "Phone",
            "requester_address": "Postal address",
            "represents": "The requester speaks for",
            "group_name": "Group or organisation",
            "concern": "What is the concern?",
            "concern_location": "Where in the item? (pages, chapters, minutes)",
            "whole_item": "Did they read, view or listen to the whole item?",
            "effect": "What do they believe the effect of the item might be?",
            "aware_of_reviews": "Do they know of professional reviews of it? Which?",
            "requested_action": "What do they ask the library to do?",
            "requested_action_other": "Something else: what?",
            "alternative_title": "A title they would suggest instead",
        }
        help_texts = {
            "title": "As on the item; the title is not confidential.",
            "requester_name": "The letters are addressed to this name. Only staff who run the review see it.",
            "requester_email": "Optional: the acknowledgment and the decision can go by e-mail.",
            "group_name": "Only if they speak for a group.",
            "concern": "In the requester's own words.",
        }
        error_messages = {
            "title": {"required": "Write the title of the item.", "max_length": TOO_LONG},
            "requester_name": {"max_length": TOO_LONG},
            "requester_email": {"invalid": "Type the whole e-mail address, e.g. name@example.org, or leave it empty."},
            "concern": {"required": "Write what the concern is, in the requester's words.", "max_length": TOO_LONG},
            "whole_item": {"required": "Say whether they read, viewed or listened to the whole item."},
            "requested_action": {"required": "Say what they ask the library to do."},
            **{
                name: {"max_length": TOO_LONG}
                for name in ("concern_location", "effect", "aware_of_reviews", "requested_action_other", "creator")
            },
        }

    def __init__(self, *args, viewer: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self.fields["requester_name"].required = True
        # Radio buttons offer the answers only, not Django's empty choice.
        self.fields["whole_item"].choices = ReviewRequest.WholeItem.choices
        self.fields["requested_action"].choices = ReviewRequest.Action.choices
        self.fields["requester_name"].error_messages["required"] = (
            "Write the requester's name: the letters are addressed to them."
        )
        self.helper = _helper(
            Fieldset(
                "The item",
                Div(
                    Div(Field("title", autofocus=True), css_class="col-md-8"),
                    Div("format", css_class="col-md-4"),
                    css_class="row",
                ),
                Div(Div("creator", css_class="col-md-8"), Div("identifier", css_class="col-md-4"), css_class="row"),
            ),
            Fieldset(
                "The requester",
                Div(
                    Div("requester_name", css_class="col-md-6"),
                    Div("patron_card", css_class="col-md-6"),
                    css_class="row",
                ),
                Div(
                    Div("requester_email", css_class="col-md-6"),
                    Div("requester_phone", css_class="col-md-6"),
                    css_class="row",
                ),
                "requester_address",
                Div(
                    Div(InlineRadios("represents"), css_class="col-md-6"),
                    Div("group_name", css_class="col-md-6"),
                    css_class="row",
                ),
            ),
            Fieldset(
                "The concern",
                "concern",
                "concern_location",
                InlineRadios("whole_item"),
                "effect",
                "aware_of_reviews",
            ),
            Fieldset(
                "What they ask",
                "requested_action",
                "requested_action_other",
                "alternative_title",
            ),
        )

    def request_fields(self) -> dict:
        """The cleaned values, named as feedback.services.reviews.review_take takes them."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["patron"] = self.cleaned_data["patron_card"]
        return data


class _StepForm(forms.Form):
    """A step on the request page. The page is opened all day, so its forms are drawn by
    templates/_fields.html in crispy's Bootstrap markup rather than by crispy layouts
    (benchmarks/RESULTS.md)."""

    bound_field_class = BootstrapBoundField


class ReplyForm(_StepForm):
    """The acknowledgment or the decision letter: drafted from the library's template, edited
    here, then sent by e-mail or recorded as given by letter, in person or by phone."""

    channel = forms.ChoiceField(
        label="How the requester is told",
        choices=ReplyChannel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the requester is told."},
    )
    body = forms.CharField(
        label="The letter",
        max_length=TEXT_MAX_LENGTH * 2,
        widget=_textarea(12, TEXT_MAX_LENGTH * 2),
        help_text="Sent as written by e-mail, or printed from the letter page.",
        error_messages={"required": "Write the letter: it is what the requester receives.", "max_length": TOO_LONG},
    )
    note = _note_field()


def _staff_label(user) -> str:
    profile = getattr(user, "profile", None)
    branches = ", ".join(branch.name for branch in profile.branches.all()) if profile else ""
    name = user.get_full_name() or user.username
    return f"{name} ({branches})" if branches else name


class CommitteeForm(_StepForm):
    reviewers = forms.ModelMultipleChoiceField(
        label="Reviewers",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="Staff who will each read, view or listen to the whole item.",
        error_messages={"required": "Choose the reviewers."},
    )
    chair = forms.ModelChoiceField(
        label="Chair",
        queryset=None,
        empty_label="Choose the chair",
        help_text="One of the reviewers, or the Director. The chair decides with the committee.",
        error_messages={"required": "Choose the chair."},
    )
    note = _note_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        candidates = committee_candidates().prefetch_related("profile__branches")
        for field in ("reviewers", "chair"):
            self.fields[field].queryset = candidates
            self.fields[field].label_from_instance = _staff_label


class RecommendationForm(forms.ModelForm):
    """A reviewer's own recommendation, on the request page (drawn as the steps' forms are)."""

    bound_field_class = BootstrapBoundField

    class Meta:
        model = Reviewer
        fields = ["read_whole_item", "consulted_reviews", "recommendation", "comments"]
        widgets = {"recommendation": forms.RadioSelect, "comments": _textarea(3)}
        labels = {
            "read_whole_item": "I have read, viewed or listened to the whole item",
            "consulted_reviews": "I have consulted professional reviews of it",
            "recommendation": "I recommend",
            "comments": "Why (for the committee)",
        }
        error_messages = {"comments": {"max_length": TOO_LONG}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendation"].required = True
        self.fields["recommendation"].choices = ReviewRequest.Decision.choices
        self.fields["recommendation"].error_messages["required"] = "Choose what you recommend."


class DecisionForm(_StepForm):
    """The decision, and the decision on an appeal."""

    decision = forms.ChoiceField(
        label="Decision",
        choices=DECISIONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the decision."},
    )
    reasons = forms.CharField(
        label="Reasons",
        max_length=TEXT_MAX_LENGTH,
        widget=_textarea(5),
        help_text="Written for the requester: they go in the letter and, if published, on the public list.",
        error_messages={"required": "Write the reasons for the decision.", "max_length": TOO_LONG},
    )
    note = _note_field()


class AppealForm(_StepForm):
    reasons = forms.CharField(
        label="The requester's grounds for the appeal",
        max_length=TEXT_MAX_LENGTH,
        widget=_textarea(4),
        error_messages={"required": "Write the requester's grounds for the appeal.", "max_length": TOO_LONG},
    )
    note = _note_field()


class CloseForm(_StepForm):
    board_note = forms.CharField(
        label="Board step",
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=_textarea(2),
        help_text="If the requester takes the matter to the library board: when, and what the board decided.",
        error_messages={"max_length": TOO_LONG},
    )
    note = _note_field()


class PublishForm(_StepForm):
    """Publish the decision, or take it off the list if it is on it."""

    published = forms.BooleanField(required=False, widget=forms.HiddenInput)
    note = _note_field()


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *ReviewRequest.Status.choices]
    )
    overdue = forms.BooleanField(label="Overdue only", required=False)
    mine = forms.BooleanField(label="Taken by me or reviewed by me", required=False)
    sort = forms.ChoiceField(
        label="Order", required=False, choices=[("oldest", "Oldest first"), ("newest", "Newest first")]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Div(
                Div("status", css_class="col-sm-auto"),
                Div("sort", css_class="col-sm-auto"),
                Div("overdue", css_class="col-sm-auto pt-sm-4"),
                Div("mine", css_class="col-sm-auto pt-sm-4"),
                css_class="row g-3 align-items-start",
            )
        )
