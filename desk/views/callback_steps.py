"""The steps of a callback, one view each (POST from the callback's page). Who may take a step,
and when, is the table in desk/services/callback_rules.py; each view runs the step's service
and answers with the callback's page again when the step is not taken
(servicedesk/lib/step_views.py)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from desk.selectors import callbacks as selectors
from desk.services import callbacks as services
from desk.views.callbacks import SECTION, callback_page, step_form
from servicedesk.lib.step_views import EDITED_MEANWHILE, take_step
from staff import roles
from staff.decorators import role_required

EDITED_MEANWHILE_MESSAGE = (
    "Someone else saved a change to this callback after you opened it (see the timeline). It is now {status}. "
    "Nothing of yours was saved; what you typed is still in the form."
)


def _step(request, pk, action: str, run, *, message):
    """Run one step from its form: `run(callback, cleaned_data, version)`. A refusal or a bad
    form comes back with what was typed (422); a change made meanwhile by someone else is
    refused, never overwritten (409)."""
    callback = selectors.get_callback_for(request.user, pk)
    form = step_form(action, callback, request.POST)

    def taken(result):
        messages.success(request, message(result) if callable(message) else message)
        return redirect("desk:callback_detail", pk=pk)

    def again(*, status, version):
        saved = selectors.get_callback_for(request.user, pk)
        if status == EDITED_MEANWHILE:
            messages.warning(request, EDITED_MEANWHILE_MESSAGE.format(status=saved.get_status_display().lower()))
        return callback_page(request, saved, {action: form}, status=status, version=version)

    return take_step(request, form, lambda data, version: run(callback, data, version), done=taken, again=again)


@never_cache
@require_POST
@role_required(*roles.SERVING, section=SECTION)
def done(request, pk):
    """The call was made: the result, and the call logged as a phone interaction, together."""
    return _step(
        request, pk, "done",
        lambda callback, data, version: services.callback_done(callback=callback, by=request.user, version=version, **data),
        message="Done, and the call is in today's log.",
    )


@never_cache
@require_POST
@role_required(*roles.SERVING, section=SECTION)
def no_answer(request, pk):
    def said(callback):
        if callback.status == callback.Status.UNANSWERED:
            return f"Closed: {callback.reason}"
        return f"Call without an answer recorded ({callback.attempts} so far)."

    return _step(
        request, pk, "no_answer",
        lambda callback, data, version: services.callback_no_answer(callback=callback, by=request.user, version=version, **data),
        message=said,
    )


@never_cache
@require_POST
@role_required(*roles.SERVING, section=SECTION)
def change(request, pk):
    return _step(
        request, pk, "change",
        lambda callback, data, version: services.callback_change(callback=callback, by=request.user, version=version, **data),
        message="Due time and who calls back saved.",
    )


@never_cache
@require_POST
@role_required(*roles.SERVING, section=SECTION)
def cancel(request, pk):
    return _step(
        request, pk, "cancel",
        lambda callback, data, version: services.callback_cancel(callback=callback, by=request.user, version=version, **data),
        message="Cancelled.",
    )
