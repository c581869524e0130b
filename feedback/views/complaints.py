"""Complaint pages: the queue, the Director's escalation queue, taking a complaint, its page
with the steps this person may take (their views: complaint_steps.py), and the printable
letter. Which complaints a person sees is decided in staff/access/ (through
feedback/selectors/complaints.py); what may happen next, in feedback/services/complaint_rules.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from feedback.forms.complaints import (
    AssignForm,
    ComplaintTakeForm,
    DecideForm,
    NoteForm,
    QueueFilterForm,
    ReasonForm,
    ResponseForm,
)
from feedback.models import Complaint, ReplyTemplate
from feedback.selectors import complaints as selectors
from feedback.services import complaint_letters, complaint_rules, letter_rules
from feedback.services import complaints as services
from feedback.services.notify import signature
from policy import checklists
from policy.forms import ChecklistForm
from policy.models import Checklist
from servicedesk.lib.counts import BoundedPaginator
from servicedesk.lib.forms import BootstrapBoundField, add_errors, submission_key_from
from servicedesk.lib.links import with_links
from servicedesk.lib.workflow import available
from staff import roles
from staff.access import may_work_complaint, works_complaints
from staff.confidential import complaint_contact
from staff.current import current_service_point
from staff.decorators import role_required
from staff.models import LibrarySettings

QUEUE = "feedback/complaints/queue.html"
DETAIL = "feedback/complaints/detail.html"
PER_PAGE = 25

WORKING = (roles.SUPERVISOR, roles.DIRECTOR)
WORKING_SECTION = "Working on complaints"


# The queues ---------------------------------------------------------------------------------

@never_cache
@require_GET
@role_required(*roles.SERVING, section="Complaints")
def queue(request):
    """Supervisors: their branch's queue. Desk staff: the complaints they took, to follow
    their status. The Director: every branch's."""
    return _queue(request, escalated_only=False)


@never_cache
@require_GET
@role_required(roles.DIRECTOR, section="The escalation queue")
def escalated(request):
    """What waits for the Director's decision."""
    return _queue(request, escalated_only=True)


def _queue(request, *, escalated_only: bool):
    form = QueueFilterForm(request.GET or None, viewer=request.user, escalated_only=escalated_only)
    rows, counts = selectors.complaint_queue(viewer=request.user, criteria=form.criteria(), escalated_only=escalated_only)
    if form.is_bound and not form.is_valid():
        rows = rows.none()
    page = BoundedPaginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = with_links(page.object_list, "complaints:detail")
    context = {
        "form": form,
        "page": page,
        "counts": counts,
        "escalated_only": escalated_only,
        "works_complaints": works_complaints(request.user),
        "library": LibrarySettings.current(),
    }
    return render(request, QUEUE, context, status=422 if form.is_bound and not form.is_valid() else 200)


# Taking a complaint -------------------------------------------------------------------------

@never_cache
@require_http_methods(["GET", "POST"])
@role_required(*roles.SERVING, section="Complaints")
def take(request):
    """Taken at the desk while the patron is there, or later from a comment card. Where it
    happened starts as the service point the person works at."""
    service_point = current_service_point(request)
    if request.method == "GET":
        form = ComplaintTakeForm(viewer=request.user, service_point=service_point)
        return render(request, "feedback/complaints/take.html", {"form": form})
    form = ComplaintTakeForm(request.POST, viewer=request.user)
    if form.is_valid():
        try:
            complaint = services.complaint_take(
                by=request.user, submission_key=submission_key_from(request.POST), **form.complaint_fields()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                f"Complaint {complaint.reference} taken. The supervisors of {complaint.branch.name} are told; "
                f"it is to be acknowledged by {date_format(complaint.acknowledge_by, 'l j F')}. "
                "Thank the patron for telling us.",
            )
            return redirect("complaints:detail", pk=complaint.pk)
    return render(request, "feedback/complaints/take.html", {"form": form}, status=422)


# The complaint page -------------------------------------------------------------------------

@never_cache
@require_GET
@role_required(*roles.SERVING, section="Complaints")
def detail(request, pk):
    complaint = selectors.get_complaint_for(request.user, pk)
    prepared = {}
    if "respond" in available(complaint_rules.WORKFLOW, request.user, complaint):
        prepared["respond"] = _new_response_form(complaint, request.GET.get("template"), by=request.user)
    return complaint_page(request, complaint, prepared)


def _new_response_form(complaint: Complaint, template: str | None, *, by) -> ResponseForm:
    """The draft as saved; a template's text when asked for one, or when there is no draft yet
    (the acknowledgment until the patron has had one, the response after), worded for `by`."""
    if template not in complaint_letters.REPLY_KINDS:
        template = None
    acknowledging = complaint.status in (Complaint.Status.NEW, Complaint.Status.ACKNOWLEDGED) and not complaint.replies.exists()
    kind = template or (
        ReplyTemplate.Kind.COMPLAINT_ACKNOWLEDGE if acknowledging else ReplyTemplate.Kind.COMPLAINT_RESPONSE
    )
    text = complaint.response
    if template or not text:
        text = complaint_letters.draft_from_template(complaint, kind, by=by)
    return ResponseForm(complaint=complaint, initial={"response": text, "kind": kind})


def _action_forms(user, complaint: Complaint, prepared: dict) -> dict:
    """A form for each step the person may take now. One just sent keeps what was typed and
    why it was refused, even when the step no longer applies."""
    forms = dict(prepared)
    for action in available(complaint_rules.WORKFLOW, user, complaint):
        if action in forms:
            continue
        if action == "respond":
            forms[action] = _new_response_form(complaint, None, by=user)
        else:
            forms[action] = action_form(action, complaint)
    return forms


def action_form(action: str, complaint: Complaint, data=None):
    """The form of one step, as offered (unbound) or as sent."""
    if action == "respond":
        return ResponseForm(data, complaint=complaint)
    if action in ("escalate", "reopen"):
        return ReasonForm(data, prefix=action, **REASONS[action])
    if action == "decide":
        return DecideForm(data, prefix=action)
    if action == "assign":
        return AssignForm(
            data,
            prefix=action,
            assignees=complaint_letters.complaint_assignees(complaint),
            initial={"assignee": complaint.assigned_to_id},
        )
    return NoteForm(data, prefix=action)


REASONS = {
    "escalate": {"label": "Why it goes to the Director (internal)", "required_message": "Say why it goes to the Director."},
    "reopen": {"label": "Why it is reopened (internal)", "required_message": "Say why it is reopened."},
}


def complaint_page(request, complaint: Complaint, prepared: dict, *, status=200, version=None):
    """The page as saved, with the forms of the steps the person may take. Every view of the
    confidential part by anyone other than who took it is recorded, once per page."""
    contact = complaint_contact(request.user, complaint)
    forms = _action_forms(request.user, complaint, prepared)
    context = {
        **_handling(request.user, complaint),
        "complaint": complaint,
        "timeline": selectors.complaint_timeline(complaint),
        "offered": [
            {
                "action": action,
                "form": forms[action],
                "url": reverse(f"complaints:{action}", args=[complaint.pk]),
                **OFFERED[action],
            }
            for action in OFFERED
            if action in forms
        ],
        "assign_form": forms.get("assign"),
        "response_form": forms.get("respond"),
        "version": complaint.version if version is None else version,
        "not_saved": next(
            ("response" if action == "respond" else f"step-{action}" for action, form in prepared.items() if form.errors),
            None,
        ),
        **_contact_lines(contact),
    }
    return render(request, DETAIL, context, status=status)


def _contact_lines(contact) -> dict:
    """The name and contact details as the page and the letter print them, from the
    confidential part the access rules handed out (none: nothing)."""
    if contact is None:
        return {"contact": None}
    return {
        "contact": contact,
        "patron_name": complaint_letters.patron_name(contact),
        "reply_email": complaint_letters.reply_email(contact),
        "phone": complaint_letters.patron_phone(contact),
        "postal_address": complaint_letters.postal_address(contact),
    }


# What the page says of each step it offers.
OFFERED = {
    "acknowledge": {
        "heading": "Acknowledge",
        "button": "Acknowledge",
        "help": "Then let the patron know it is being looked into: the acknowledgment is ready in the response below.",
    },
    "start": {"heading": "Start work", "button": "Start work", "help": ""},
    "resolve": {
        "heading": "Resolve",
        "button": "Mark as resolved",
        "help": "When it is settled; the patron gets the response below.",
    },
    "escalate": {
        "heading": "Refer to the Director",
        "button": "Escalate to the Director",
        "help": "When the library's policy does not settle it, or the patron asks for the Director.",
    },
    "decide": {"heading": "Decide", "button": "Record the decision", "help": ""},
    "close": {"heading": "Close", "button": "Close the complaint", "help": "Nothing more to do, and the patron has had the response."},
    "reopen": {"heading": "Reopen", "button": "Reopen", "help": "It goes back to in progress."},
}


# How it was handled: the complaint checklist --------------------------------------------------

def _handled_form(complaint: Complaint, data=None) -> ChecklistForm:
    """Drawn by the page's template with templates/_fields.html, not by its crispy layout."""
    return ChecklistForm(
        data,
        items=checklists.items_for(Checklist.Key.COMPLAINT),
        ticked=checklists.ticked_items(complaint),
        legend="How it was handled",
        prefix="handled",
        bound_field_class=BootstrapBoundField,
    )


def _handling(user, complaint: Complaint) -> dict:
    """The checklist form for whoever may work on the complaint; what was ticked, for the rest."""
    if may_work_complaint(user, complaint):
        return {"handled_form": _handled_form(complaint)}
    return {"handled_ticks": checklists.ticks_of(complaint)}


@never_cache
@require_POST
@role_required(*WORKING, section=WORKING_SECTION)
def handled(request, pk):
    """Tick how the complaint was handled (listened, policy referred to, Director referral
    considered, patron told what happens next)."""
    complaint = selectors.get_complaint_for(request.user, pk, work=True)
    form = _handled_form(complaint, request.POST)
    checklists.complaint_ticks_record(complaint=complaint, by=request.user, ticked=form.ticked())
    messages.success(request, "Saved how the complaint was handled.")
    return redirect("complaints:detail", pk=pk)


@never_cache
@require_GET
@role_required(*WORKING, section=WORKING_SECTION)
def letter(request, pk):
    """The saved response as a letter to print and post; not while it is unwritten (a
    template's instruction still in it, or the template word for word): letter_rules.py."""
    complaint = selectors.get_complaint_for(request.user, pk, work=True)
    contact = complaint_contact(request.user, complaint)
    unwritten = complaint.response and letter_rules.unwritten(
        complaint.response, templates=letter_rules.answer_templates(*complaint_letters.REPLY_KINDS)
    )
    context = {
        "complaint": complaint,
        "unwritten": unwritten,
        **_contact_lines(contact),
        "library": LibrarySettings.current(),
        "signature": signature(request.user, complaint.branch),
    }
    return render(request, "feedback/complaints/letter.html", context)
