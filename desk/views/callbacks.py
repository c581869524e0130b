"""Callback pages: the list (/callbacks/), scheduling one (also from a desk interaction whose
outcome was "callback scheduled": ?interaction=<id>), and a callback's page with the steps
the person may take (their views: callback_steps.py). Who sees which callback is decided in
staff/access/callbacks.py; what may happen next, in desk/services/callback_rules.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from desk.forms.callbacks import CallbackForm, CancelForm, ChangeForm, DoneForm, ListFilterForm, NoAnswerForm
from desk.models import Callback
from desk.selectors import callbacks as selectors
from desk.services import callback_rules
from desk.services import callbacks as services
from interactions.selectors import interaction_with_patron
from servicedesk.lib.forms import add_errors, submission_key_from
from servicedesk.lib.workflow import available
from staff import roles
from staff.confidential import callback_contact, interaction_confidential
from staff.current import current_service_point
from staff.decorators import at_service_point, role_required
from staff.models import LibrarySettings

TEMPLATES = "desk/callbacks/"
SECTION = "Phone callbacks"
PER_PAGE = 25


@never_cache
@require_GET
@role_required(*roles.SERVING, section=SECTION)
def callback_list(request):
    """Due and overdue first: the ones assigned to the person, at their service point, the
    overdue ones (for a supervisor, the branch's), or all they may see."""
    form = ListFilterForm(request.GET or None, viewer=request.user)
    criteria = form.criteria()
    rows, counts = selectors.callback_list(
        viewer=request.user, service_point=current_service_point(request), **criteria
    )
    invalid = form.is_bound and not form.is_valid()
    page = Paginator(rows.none() if invalid else rows, PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "counts": counts, **criteria, "now": timezone.now()}
    return render(request, TEMPLATES + "list.html", context, status=422 if invalid else 200)


def _interaction_named(request):
    """The desk interaction named in ?interaction=, if the person may read who it was with;
    otherwise None (the callback simply starts blank)."""
    try:
        pk = int(request.GET.get("interaction", ""))
    except ValueError:
        return None
    return interaction_with_patron(request.user, pk)


@never_cache
@require_http_methods(["GET", "POST"])
@role_required(*roles.SERVING, section=SECTION)
@at_service_point
def new(request, service_point):
    """Schedule a callback at the service point of the interaction it comes from, or at the
    person's own. From an interaction, its patron and note fill in the caller and the need
    (a read of its confidential part, recorded for anyone but its author)."""
    interaction = _interaction_named(request)
    point = interaction.service_point if interaction else service_point
    form_kwargs = {"branch_id": point.branch_id, "service_point_name": point.name}
    if request.method == "GET":
        initial = {"due_at": services.default_due_at(point)}
        confidential = interaction_confidential(request.user, interaction) if interaction else None
        if confidential is not None:
            initial["need"] = confidential.note
            if confidential.patron is not None:
                initial["caller_name"] = confidential.patron.full_name
        form = CallbackForm(initial=initial, **form_kwargs)
        return _new_page(request, form, point, interaction)
    form = CallbackForm(request.POST, **form_kwargs)
    if form.is_valid():
        try:
            callback = services.callback_schedule(
                by=request.user,
                service_point=point,
                interaction=interaction,
                submission_key=submission_key_from(request.POST),
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                f"Callback {callback.reference} scheduled, due {timezone.localtime(callback.due_at):%a %d %b, %H:%M}. "
                "Tell the caller when to expect it.",
            )
            return redirect("desk:callback_detail", pk=callback.pk)
    return _new_page(request, form, point, interaction, status=422)


def _new_page(request, form, point, interaction, *, status=200):
    context = {"form": form, "service_point": point, "interaction": interaction}
    return render(request, TEMPLATES + "new.html", context, status=status)


# A callback's page ------------------------------------------------------------------------

OFFERED = {
    "done": {"heading": "Called back", "button": "Done: log the call", "form_class": DoneForm},
    "no_answer": {"heading": "No answer", "button": "Record a call without an answer", "form_class": NoAnswerForm},
    "change": {"heading": "Another time or person", "button": "Save the due time and who calls", "form_class": ChangeForm},
    "cancel": {"heading": "Cancel", "button": "Cancel the callback", "form_class": CancelForm},
}


def step_form(action: str, callback: Callback, data=None):
    """The form of one step, as offered (unbound, with its starting values) or as sent."""
    form_class = OFFERED[action]["form_class"]
    if action == "change":
        initial = {"due_at": callback.due_at, "assigned_to": callback.assigned_to_id}
        return form_class(data, prefix=action, callback=callback, initial=initial)
    if action == "done":
        offered_kind = callback.interaction.kind_id if callback.interaction_id else None
        return form_class(data, prefix=action, initial={"kind": offered_kind})
    return form_class(data, prefix=action)


@never_cache
@require_GET
@role_required(*roles.SERVING, section=SECTION)
def detail(request, pk):
    callback = selectors.get_callback_for(request.user, pk)
    return callback_page(request, callback, {})


def callback_page(request, callback: Callback, prepared: dict, *, status=200, version=None):
    """The callback, with the forms of the steps the person may take. Who to call and about
    what is read through staff.confidential: recorded for anyone but who took it."""
    contact = callback_contact(request.user, callback)
    actions = available(callback_rules.WORKFLOW, request.user, callback)
    steps = [
        {
            "action": action,
            "heading": OFFERED[action]["heading"],
            "button": OFFERED[action]["button"],
            "form": prepared.get(action) or step_form(action, callback),
            "url": reverse(f"desk:callback_{action}", args=[callback.pk]),
        }
        for action in OFFERED
        if action in actions
    ]
    context = {
        "callback": callback,
        "contact": contact,
        "timeline": selectors.callback_timeline(callback),
        "labels": callback_rules.STEP_LABELS,
        "steps": steps,
        "attempts_allowed": LibrarySettings.current().callback_attempts,
        "version": callback.version if version is None else version,
        "not_saved": any(form.errors for form in prepared.values()),
        "now": timezone.now(),
    }
    return render(request, TEMPLATES + "detail.html", context, status=status)
