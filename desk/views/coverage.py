"""Desk coverage and handover: signing off a shift, the coverage board for supervisors and
the Director, and the handover notes left at a service point."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from desk.forms.coverage import BranchPickerForm, HandoverNoteForm
from desk.selectors.coverage import coverage_board, coverage_branches, get_handover_note_for, handover_notes_open
from desk.services.coverage import handover_note_dismiss, handover_note_write
from desk.views.console import LIVE_SECONDS
from staff import roles
from staff.current import sign_off as end_shift
from staff.decorators import at_service_point, role_required

BOARD = "desk/coverage.html"


@require_POST
@role_required(*roles.SERVING, section="The desk")
def sign_off(request):
    """The end of the person's shift at the desk; they stay signed in to the app."""
    point = end_shift(request)
    if point is not None:
        messages.success(request, f"You signed off from {point}. Choose a service point when you are back at a desk.")
    return redirect("choose_service_point")


@never_cache
@require_GET
@role_required(roles.SUPERVISOR, roles.DIRECTOR, section="Desk coverage")
def coverage(request):
    """Every desk of the branch: open or not, who is on it, and which are uncovered while
    open. The board part refreshes itself every LIVE_SECONDS (htmx asks for the partial)."""
    branches = coverage_branches(viewer=request.user)
    picker = BranchPickerForm(request.GET or None, branches=branches)
    branch = picker.chosen()
    now = timezone.now()
    board = coverage_board(viewer=request.user, branch=branch, now=now) if branch else []
    context = {
        "picker": picker,
        "many_branches": len(picker.fields["branch"].queryset) > 1,
        "branch": branch,
        "board": board,
        "uncovered": [desk for desk in board if desk.uncovered],
        "now": now,
        "live_seconds": LIVE_SECONDS,
    }
    template = f"{BOARD}#board" if request.htmx and not request.htmx.boosted else BOARD
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@role_required(*roles.SERVING, section="The desk")
@at_service_point
def handover_new(request, service_point):
    """A note for whoever works this service point next, shown on its console until dismissed."""
    form = HandoverNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        handover_note_write(by=request.user, service_point=service_point, text=form.cleaned_data["text"])
        messages.success(request, f"Your handover note is on the console at {service_point.name} until someone dismisses it.")
        return redirect("interactions:desk")
    return render(
        request,
        "desk/handover_new.html",
        {"form": form, "service_point": service_point, "notes": handover_notes_open(viewer=request.user, service_point=service_point)},
        status=422 if form.is_bound else 200,
    )


@require_POST
@role_required(*roles.SERVING, section="The desk")
@at_service_point
def handover_dismiss(request, service_point, pk):
    note = get_handover_note_for(request.user, pk)
    try:
        handover_note_dismiss(note=note, by=request.user)
    except ValidationError as error:
        message, ok = error.messages[0], False
    else:
        message, ok = "Handover note dismissed.", True
    if request.htmx:
        return render(
            request,
            "desk/_handover.html",
            {
                "handover_notes": handover_notes_open(viewer=request.user, service_point=service_point),
                "handover_notice": message,
                "handover_notice_is_error": not ok,
            },
        )
    (messages.success if ok else messages.error)(request, message)
    return redirect("interactions:desk")
