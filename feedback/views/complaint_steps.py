"""The steps of a complaint, one view each (POST from the complaint's page). Who may take a
step, and when, is the table in feedback/services/complaint_rules.py; each view names who may
reach it at all (the section), runs the step's service, and answers with the complaint's page
again when the step is not taken (servicedesk/lib/step_views.py)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from feedback.forms.complaints import SEND
from feedback.models import ReplyTemplate
from feedback.selectors import complaints as selectors
from feedback.services import complaint_rules
from feedback.services import complaints as services
from feedback.views.complaints import WORKING, WORKING_SECTION, action_form, complaint_page
from servicedesk.lib.step_views import EDITED_MEANWHILE, take_step
from staff import roles
from staff.decorators import role_required

EDITED_MEANWHILE_MESSAGE = (
    "Someone else saved a change to this complaint after you opened it (see the timeline). It is now {status}. "
    "Nothing of yours was saved: the page shows what is saved now, and what you typed is still in the form. "
    "Send it again if it still applies."
)


def _step(request, pk, action: str, run, *, message: str):
    """Run one step from its form: `run(complaint, cleaned_data, version)`. A refusal or a bad
    form comes back on the page with what was typed (422); a change made meanwhile by someone
    else is refused, never overwritten (409)."""
    complaint = selectors.get_complaint_for(request.user, pk, work=True)
    form = action_form(action, complaint, request.POST)

    def done(result):
        messages.success(request, message)
        return redirect("complaints:detail", pk=pk)

    def again(*, status, version):
        saved = selectors.get_complaint_for(request.user, pk)
        if status == EDITED_MEANWHILE:
            status_now = complaint_rules.status_in_a_sentence(saved.status)
            messages.warning(request, EDITED_MEANWHILE_MESSAGE.format(status=status_now))
        return complaint_page(request, saved, {action: form}, status=status, version=version)

    return take_step(request, form, lambda data, version: run(complaint, data, version), done=done, again=again)


def _service_step(request, pk, action: str, service, *, message: str):
    """A step whose form's fields are its service's arguments."""

    def run(complaint, data, version):
        service(complaint=complaint, by=request.user, version=version, **data)

    return _step(request, pk, action, run, message=message)


@never_cache
@require_POST
@role_required(*WORKING, section=WORKING_SECTION)
def acknowledge(request, pk):
    """Tell the patron it is being looked into (see services.complaint_acknowledge)."""
    return _service_step(
        request, pk, "acknowledge", services.complaint_acknowledge,
        message="Acknowledged. Let the patron know: send the acknowledgment below.",
    )


@never_cache
@require_POST
@role_required(*WORKING, section=WORKING_SECTION)
def start(request, pk):
    return _service_step(request, pk, "start", services.complaint_start, message="Work started.")


@never_cache
@require_POST
@role_required(*WORKING, section=WORKING_SECTION)
def resolve(request, pk):
    return _service_step(
        request, pk, "resolve", services.complaint_resolve,
        message="Resolved. If the patron has not had the response yet, send it now.",
    )


@never_cache
@require_POST
@role_required(*WORKING, section=WORKING_SECTION)
def escalate(request, pk):
    return _service_step(
        request, pk, "escalate", services.complaint_escalate, message="Escalated: the Director has been told."
    )


@never_cache
@require_POST
@role_required(roles.DIRECTOR, section="Deciding escalated complaints")
def decide(request, pk):
    """The Director's decision on an escalated complaint."""
    return _service_step(
        request, pk, "decide", services.complaint_decide, message="Decision recorded. Tell the patron in the response."
    )


@never_cache
@require_POST
@role_required(*WORKING, section=WORKING_SECTION)
def close(request, pk):
    return _service_step(request, pk, "close", services.complaint_close, message="Closed.")


@never_cache
@require_POST
@role_required(*WORKING, section=WORKING_SECTION)
def reopen(request, pk):
    return _service_step(request, pk, "reopen", services.complaint_reopen, message="Reopened: it is in progress again.")


@never_cache
@require_POST
@role_required(*WORKING, section=WORKING_SECTION)
def assign(request, pk):
    def run(complaint, data, version):
        services.complaint_assign(
            complaint=complaint, by=request.user, version=version, assignee=data["assignee"], note=data["note"]
        )

    return _step(request, pk, "assign", run, message="Assigned: they have been told by e-mail.")


@never_cache
@require_POST
@role_required(*WORKING, section=WORKING_SECTION)
def respond(request, pk):
    """Save the draft; with "send", also send it by e-mail or record how it was given."""
    sending = request.POST.get("action") == SEND

    def run(complaint, data, version):
        if not sending or data["response"].strip() != complaint.response:
            services.complaint_respond(complaint=complaint, by=request.user, version=version, response=data["response"])
            version = complaint.version
        if sending:
            services.complaint_reply(
                complaint=complaint,
                by=request.user,
                version=version,
                channel=data["channel"],
                kind=data["kind"] or ReplyTemplate.Kind.COMPLAINT_RESPONSE,
            )

    message = "Response sent or recorded as given." if sending else "Draft saved. Nothing has been sent yet."
    return _step(request, pk, "respond", run, message=message)
