"""The triage steps of a comment card, one view each (POST from the card's page). Who may take
a step, and when, is the table in feedback/services/card_rules.py; each view runs the step's
service and answers with the card's page again when the step is not taken
(servicedesk/lib/step_views.py)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from feedback.selectors import cards as selectors
from feedback.services import cards as services
from feedback.views.cards import TRIAGE_SECTION, TRIAGING, card_page, step_form
from servicedesk.lib.step_views import EDITED_MEANWHILE, take_step
from staff.current import current_service_point
from staff.decorators import role_required

EDITED_MEANWHILE_MESSAGE = (
    "Someone else saved a change to this card after you opened it (see the timeline). It is now {status}. "
    "Nothing of yours was saved; what you typed is still in the form."
)


def _step(request, pk, action: str, run, *, message, done=None):
    """Run one step from its form: `run(card, cleaned_data, version)`. A refusal or a bad form
    comes back with what was typed (422); a change made meanwhile by someone else is refused,
    never overwritten (409). `done(result)` answers a step that opens another record."""
    card = selectors.get_card_for(request.user, pk, triage=True)
    form = step_form(action, card, request.POST)

    def taken(result):
        messages.success(request, message(result) if callable(message) else message)
        return done(result) if done else redirect("cards:detail", pk=pk)

    def again(*, status, version):
        saved = selectors.get_card_for(request.user, pk)
        if status == EDITED_MEANWHILE:
            messages.warning(request, EDITED_MEANWHILE_MESSAGE.format(status=saved.get_status_display().lower()))
        return card_page(request, saved, {action: form}, status=status, version=version)

    return take_step(request, form, lambda data, version: run(card, data, version), done=taken, again=again)


def _note_step(request, pk, action: str, service, *, message: str):
    return _step(
        request, pk, action,
        lambda card, data, version: service(card=card, by=request.user, version=version, note=data["note"]),
        message=message,
    )


@never_cache
@require_POST
@role_required(*TRIAGING, section=TRIAGE_SECTION)
def thank(request, pk):
    """The patron has been thanked (in person, or the card needs nothing more than thanks)."""
    return _note_step(request, pk, "thank", services.card_thank, message="Marked as thanked.")


@never_cache
@require_POST
@role_required(*TRIAGING, section=TRIAGE_SECTION)
def act(request, pk):
    """Someone is acting on it; the note says what."""
    return _note_step(request, pk, "act", services.card_act, message="Marked as in action.")


@never_cache
@require_POST
@role_required(*TRIAGING, section=TRIAGE_SECTION)
def close(request, pk):
    return _note_step(request, pk, "close", services.card_close, message="Closed.")


@never_cache
@require_POST
@role_required(*TRIAGING, section=TRIAGE_SECTION)
def reply(request, pk):
    """Send the reply by e-mail, or record that it was given in person, by phone or by letter."""
    return _step(
        request, pk, "reply",
        lambda card, data, version: services.card_reply(card=card, by=request.user, version=version, **data),
        message="Reply sent or recorded as given.",
    )


@never_cache
@require_POST
@role_required(*TRIAGING, section=TRIAGE_SECTION)
def to_complaint(request, pk):
    """Take the card as a complaint (nothing retyped) and open it."""
    return _step(
        request, pk, "to_complaint",
        lambda card, data, version: services.card_to_complaint(
            card=card, by=request.user, version=version, service_point=current_service_point(request)
        ),
        message=lambda complaint: f"Complaint {complaint.reference} taken from the card; work on it here.",
        done=lambda complaint: redirect("complaints:detail", pk=complaint.pk),
    )


@never_cache
@require_POST
@role_required(*TRIAGING, section=TRIAGE_SECTION)
def to_suggestion(request, pk):
    """Record the card's purchase suggestion, with the card's contact, and open it."""
    return _step(
        request, pk, "to_suggestion",
        lambda card, data, version: services.card_to_suggestion(card=card, by=request.user, version=version, **data),
        message=lambda suggestion: f"Purchase suggestion {suggestion.reference} recorded from the card.",
        done=lambda suggestion: redirect("suggestions:detail", pk=suggestion.pk),
    )
