"""The directory's and the referrals' forms. They validate; desk/services/referrals.py saves.
Drawn by the partials of templates/_fields.html (BootstrapBoundField), like the console's."""

from django import forms

from desk.models import Expert, Referral
from desk.models.referrals import SUBJECT_MAX_LENGTH
from servicedesk.lib.forms import BootstrapBoundField, text_errors
from servicedesk.lib.workflow import TEXT_MAX_LENGTH
from staff.models import Branch

NOTE_HELP = "For staff only: why, or what was tried. It is never given to the patron."
SUBJECTS_HELP = "Separate them with commas: genealogy, local history, job search, Spanish."


class _Form(forms.Form):
    bound_field_class = BootstrapBoundField


def _subjects_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=2000, help_text=SUBJECTS_HELP,
        error_messages=text_errors("the subjects"),
    )


def _how_to_reach_field() -> forms.CharField:
    field = Expert._meta.get_field("how_to_reach")
    return forms.CharField(
        label="How to reach them", required=False, max_length=field.max_length, help_text=field.help_text,
        error_messages=text_errors("how to reach them"),
    )


class EntryChoiceField(forms.ModelChoiceField):
    """A directory entry, named with its subjects so that the right one is clear."""

    def label_from_instance(self, entry: Expert) -> str:
        kind = "" if entry.kind == Expert.Kind.STAFF else f" ({entry.get_kind_display()})"
        subjects = ", ".join(subject.name for subject in entry.subjects.all())
        return f"{entry.display_name}{kind} — {subjects or 'no subjects listed'}"


# The directory ---------------------------------------------------------------------------------

class DirectorySearchForm(_Form):
    q = forms.CharField(label="Subject", required=False, max_length=SUBJECT_MAX_LENGTH,
                        error_messages=text_errors("the search"))


class OwnEntryForm(_Form):
    subjects = _subjects_field("The subjects you can help with")
    how_to_reach = _how_to_reach_field()
    is_listed = forms.BooleanField(label="List me in the directory", required=False, initial=True)

    field_order = ["subjects", "how_to_reach", "is_listed"]


class PlaceForm(_Form):
    kind = forms.ChoiceField(
        label="What it is", widget=forms.RadioSelect,
        choices=[(Expert.Kind.DEPARTMENT, "Department"), (Expert.Kind.PARTNER, "Partner library")],
        error_messages={"required": "Say whether it is a department or a partner library."},
    )
    name = forms.CharField(label="Name", max_length=120, error_messages={
        "required": "Name the department or library.", **text_errors("the name")})
    branch = forms.ModelChoiceField(
        label="Kept by the supervisors of", queryset=Branch.objects.none(),
        error_messages={"required": "Choose the branch whose supervisors keep it.", "invalid_choice": "Choose a branch you supervise."},
    )
    subjects = _subjects_field("Subjects they can help with")
    how_to_reach = _how_to_reach_field()
    is_listed = forms.BooleanField(label="Listed in the directory", required=False, initial=True)

    def __init__(self, *args, branches, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches
        if editing:
            del self.fields["kind"], self.fields["branch"]
        else:
            del self.fields["is_listed"]


# Referrals -------------------------------------------------------------------------------------

class ReferralForm(_Form):
    """Refer a question: find someone by subject, choose them, and say what the patron asked
    and how to reach them. "Find" sends the form back with what was typed and the matches."""

    q = forms.CharField(label="Find someone by subject", required=False, max_length=SUBJECT_MAX_LENGTH,
                        error_messages=text_errors("the search"))
    referred_to = EntryChoiceField(
        label="Refer it to", queryset=Expert.objects.none(), widget=forms.RadioSelect,
        error_messages={"required": "Choose who to refer the question to.",
                        "invalid_choice": "That entry is no longer in the directory: choose another."},
    )
    subject = forms.CharField(label="Subject", required=False, max_length=SUBJECT_MAX_LENGTH,
                              help_text="What the question is about, for the reports.",
                              error_messages=text_errors("the subject"))
    question = forms.CharField(
        label="The patron's question", max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Confidential: only whoever answers it, you, your supervisor and the Director read it.",
        error_messages={"required": "Write the patron's question, so that whoever answers it knows what was asked.",
                        **text_errors("the question")},
    )
    patron_name = forms.CharField(label="The patron's name", required=False, max_length=Referral.NAME_MAX_LENGTH,
                                  error_messages=text_errors("the name"))
    patron_contact = forms.CharField(
        label="How to reach the patron", required=False, max_length=Referral.CONTACT_MAX_LENGTH,
        help_text="A phone number or an e-mail address, or when they will come back.",
        error_messages=text_errors("the contact"),
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referred_to"].queryset = entries

    def referral_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in ("referred_to", "subject", "question", "patron_name", "patron_contact")}


class AnswerForm(_Form):
    answer = forms.CharField(
        label="The answer the patron was given", max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the answer the patron was given.", **text_errors("the answer")},
    )
    answered_by = forms.ChoiceField(
        label="How the patron got it", choices=Referral.AnsweredBy.choices, widget=forms.RadioSelect,
        error_messages={"required": "Say how the patron was given the answer."},
    )
    note = forms.CharField(label="Internal note", required=False, max_length=TEXT_MAX_LENGTH, help_text=NOTE_HELP,
                           widget=forms.Textarea(attrs={"rows": 2}), error_messages=text_errors("the note"))


class PassOnForm(_Form):
    to = EntryChoiceField(
        label="Pass it on to", queryset=Expert.objects.none(),
        error_messages={"required": "Choose who to pass it on to.",
                        "invalid_choice": "That entry is no longer in the directory: choose another."},
    )
    note = forms.CharField(label="Internal note", required=False, max_length=TEXT_MAX_LENGTH, help_text=NOTE_HELP,
                           widget=forms.Textarea(attrs={"rows": 2}), error_messages=text_errors("the note"))

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = entries
        self.fields["to"].empty_label = "— choose someone —"
