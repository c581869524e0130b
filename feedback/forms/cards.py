"""The comment-card forms: the public kiosk, staff typing in a paper card, and the triage
steps. They validate what was typed; feedback/services/cards.py saves."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth.models import User
from django.utils import timezone

from feedback.forms.complaints import NOTE_HELP, NOTE_LABEL, DateInput
from feedback.models import TEXT_MAX_LENGTH, CommentCard, ReplyChannel, ReviewRequest
from feedback.selectors.cards import ALL, OPEN
from servicedesk.lib.dates import BoundedDateField
from servicedesk.lib.forms import BootstrapBoundField, text_errors
from staff.access import service_points_for
from staff.forms import BranchFilterField, BranchFilterMixin
from staff.models import Branch

Card = CommentCard


def _card_fields(*, public: bool) -> dict:
    """The fields a card has, worded for the patron at the kiosk or for staff."""
    you = "your" if public else "the patron's"
    return {
        "kind": forms.ChoiceField(
            label="What would you like to tell us?" if public else "Kind of card",
            choices=Card.Kind.choices,
            widget=forms.RadioSelect,
            error_messages={
                "required": "Choose what kind of comment it is: a suggestion, a compliment, a complaint or a question.",
                "invalid_choice": "Choose one of the kinds listed.",
            },
        ),
        "comment": forms.CharField(
            label="Your comment" if public else "The comment, as written",
            max_length=TEXT_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 6}),
            error_messages={"required": "Write your comment in the box.", **text_errors("the comment")},
        ),
        "name": forms.CharField(
            label="Your name (optional)" if public else "Name (optional)",
            required=False,
            max_length=Card.NAME_MAX_LENGTH,
            help_text="You may stay anonymous." if public else "As written on the card; it may be anonymous.",
            widget=forms.TextInput(attrs={"autocomplete": "off"}),
            error_messages=text_errors("the name"),
        ),
        "contact": forms.CharField(
            label=f"{you.capitalize()} e-mail or phone (optional)",
            required=False,
            max_length=Card.CONTACT_MAX_LENGTH,
            help_text="Only if you would like a reply." if public else "Only needed for a reply.",
            widget=forms.TextInput(attrs={"autocomplete": "off"}),
            error_messages=text_errors("the e-mail or phone"),
        ),
        "wants_reply": forms.BooleanField(
            label="I would like a reply" if public else "The patron would like a reply", required=False
        ),
    }


class KioskCardForm(forms.Form):
    """The card a patron fills in at the entrance, on a tablet. `website` is a trap for
    robots: hidden from people and from screen readers, it stays empty when a person sends it."""

    def __init__(self, *args, branch: Branch | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_card_fields(public=True))
        self.pinned = branch
        if branch is None:
            self.fields["branch"] = forms.ModelChoiceField(
                label="Which library are you at?",
                queryset=Branch.objects.all(),
                empty_label="Choose your library",
                error_messages={
                    "required": "Choose the library you are at.",
                    "invalid_choice": "Choose the library you are at from the list.",
                },
            )
        self.fields["website"] = forms.CharField(
            label="Leave this empty",
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )

    def chosen_branch(self) -> Branch:
        """The kiosk's own branch, or the one the patron chose."""
        return self.pinned or self.cleaned_data["branch"]

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website", "").strip())


class CardTypeInForm(forms.Form):
    """A paper card, typed in at the desk: the branch is the one of the service point."""

    received_on = BoundedDateField(
        label="Date on the card",
        widget=DateInput(),
        error_messages={"invalid": "Give the date on the card, e.g. 2026-11-28.", "required": "Give the date on the card."},
    )

    def __init__(self, *args, viewer: User, service_point=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_card_fields(public=False))
        self.fields["branch"] = forms.ModelChoiceField(
            label="Branch",
            queryset=Branch.objects.filter(pk__in=service_points_for(viewer).values("branch")),
            empty_label="Choose the branch",
            error_messages={
                "required": "Choose the branch the card is for.",
                "invalid_choice": "Choose one of your branches from the list.",
            },
        )
        self.order_fields(["kind", "comment", "name", "contact", "wants_reply", "branch", "received_on"])
        self.fields["received_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        if not self.is_bound:
            self.initial["received_on"] = timezone.localdate()
            if service_point is not None:
                self.initial["branch"] = service_point.branch_id
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class _StepForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class NoteForm(_StepForm):
    note = forms.CharField(
        label=NOTE_LABEL,
        required=False,
        max_length=TEXT_MAX_LENGTH,
        help_text=NOTE_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=text_errors("the note"),
    )


class ReplyForm(_StepForm):
    body = forms.CharField(
        label="Reply to the patron",
        max_length=TEXT_MAX_LENGTH * 2,
        help_text="This is what the patron receives, word for word.",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Write the reply to the patron.", **text_errors("the reply")},
    )
    channel = forms.ChoiceField(
        label="How the patron gets it",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the patron gets the reply.", "invalid_choice": "Choose how the patron gets the reply."},
    )
    note = NoteForm.base_fields["note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.address_to("")

    def address_to(self, email: str) -> None:
        """Name the card's e-mail address in the choice, once the page has read the contact
        through staff.confidential (so that the read is recorded)."""
        self.fields["channel"].choices = [
            (ReplyChannel.EMAIL, f"Send it by e-mail to {email}" if email else "By e-mail (no address on the card)"),
            (ReplyChannel.IN_PERSON, "Given in person"),
            (ReplyChannel.PHONE, "Given by phone"),
            (ReplyChannel.LETTER, "Sent by letter"),
        ]


class ToSuggestionForm(_StepForm):
    """Staff type the title: the card's comment, shown beside the form, seldom is one."""

    title = forms.CharField(
        max_length=300,
        help_text="The item the patron suggests, as its title reads; the card's words are shown above.",
        error_messages={"required": "Give the title the patron suggests.", **text_errors("the title")},
    )
    creator = forms.CharField(label="Author or creator", max_length=300, required=False, error_messages=text_errors("the author"))
    format = forms.ChoiceField(choices=ReviewRequest.Format.choices, initial=ReviewRequest.Format.BOOK)


class QueueFilterForm(BranchFilterMixin, forms.Form):
    """The queue's filter. It travels in the URL, so it holds no patron name or words. Drawn
    by templates/_fields.html, not crispy-forms: the queue shows it on every request."""

    bound_field_class = BootstrapBoundField

    status = forms.ChoiceField(required=False, error_messages={"invalid_choice": "Choose a status from the list."})
    kind = forms.ChoiceField(required=False, error_messages={"invalid_choice": "Choose a kind from the list."})
    overdue = forms.BooleanField(label="Reply overdue only", required=False)

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(OPEN, "Open"), *Card.Status.choices, (ALL, "All")]
        self.fields["kind"].choices = [("", "Every kind"), *Card.Kind.choices]
        self.fields["branch"] = BranchFilterField(viewer=viewer)

    def criteria(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "status": data.get("status") or OPEN,
            "kind": data.get("kind") or "",
            "overdue": data.get("overdue", False),
            "branch_id": self.branch_id(),
        }
