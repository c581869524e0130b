"""Choosing the service point (which opens a desk) and the desk console (the interaction's own
page is interactions/record_views.py).
Console actions are ordinary form POSTs that htmx enhances: with htmx the changed parts of the
page come back as fragments, without it the browser is redirected back to the console (so a
reload never sends a form twice)."""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from interactions import selectors, services
from interactions.forms import new_log_form
from interactions.models import InteractionKind
from policy import checklists
from policy.forms import ChecklistForm
from policy.models import Checklist, DeskSession
from servicedesk.lib.forms import submission_key_from
from servicedesk.lib.links import with_links
from staff import roles
from staff.access import may_undo_interaction, service_points_for
from staff.current import current_service_point, last_service_point, sign_off, work_at
from staff.decorators import at_service_point, role_required
from staff.forms import ServicePointForm
from staff.middleware import SessionLimitsMiddleware

DESK = "interactions/desk.html"


def _checklists():
    """The desk form's items and the closing items, in one query."""
    items = checklists.items_for(*checklists.INTERACTION_CHECKLISTS, Checklist.Key.DESK_CLOSING)
    closing = [item for item in items if item.checklist.key == Checklist.Key.DESK_CLOSING]
    return [item for item in items if item not in closing], closing


def _closing_form(items, data=None) -> ChecklistForm:
    return ChecklistForm(data, items=items, legend="Before you leave the desk", prefix="closing")


def _console_context(request, service_point, *, form=None, notice=None, with_forms=True):
    """What the console shows; without the forms for the fragments that do not show them
    (a quick-log answers with the buttons and today's log only). `?channel=in_person` sets the
    desk form's channel (serving a waiting patron opens it so)."""
    log = selectors.todays_log(viewer=request.user, service_point=service_point)
    counts = selectors.todays_counts(viewer=request.user, service_point=service_point)
    just_logged = _undoable(request, log)
    forms = {}
    if with_forms:
        interaction_items, closing_items = _checklists()
        forms = {
            "form": form
            or new_log_form(
                viewer=request.user,
                service_point=service_point,
                checklist_items=interaction_items,
                channel=request.GET.get("channel", ""),
            ),
            "closing_form": _closing_form(closing_items),
        }
    return {
        **forms,
        "service_point": service_point,
        "quick_kinds": selectors.quick_log_kinds(),
        "last": selectors.last_logged(viewer=request.user, service_point=service_point),
        "log": log,
        "log_rows": _log_rows(log),
        "counts": counts,
        "total": sum(row["count"] for row in counts),
        "just_logged": just_logged,
        "undo_seconds": services.UNDO_SECONDS,
        "notice": notice,
    }


@dataclass(frozen=True)
class LogRow:
    """A row of today's log, formatted here rather than by the template: a hundred rows of
    lookups, filters and {% url %} cost more than all the rest of the console
    (benchmarks/RESULTS.md)."""

    link: str
    time: str
    kind: str
    channel: str
    effort: int
    outcome: str
    by: str
    voided: bool


def _log_rows(log) -> list[LogRow]:
    return [
        LogRow(
            link=interaction.link,
            time=timezone.localtime(interaction.occurred_at).strftime("%H:%M"),
            kind=interaction.kind.name,
            channel=interaction.get_channel_display(),
            effort=interaction.effort,
            outcome=interaction.get_outcome_display()
            + (f": {interaction.get_alternative_display()}" if interaction.alternative else ""),
            by=interaction.staff.get_full_name() or interaction.staff.username,
            voided=interaction.is_voided,
        )
        for interaction in with_links(log, "interactions:detail")
    ]


def _undoable(request, log):
    """The user's own newest entry in today's log, while it can still be undone (shown with an
    Undo button), and only if it was logged in this session: what was logged before a sign-out
    is not offered to whoever signs in next."""
    now = timezone.now()
    signed_in_at = datetime.datetime.fromtimestamp(
        request.session.get(SessionLimitsMiddleware.STARTED, 0), tz=datetime.UTC
    )
    for interaction in log:
        if (
            interaction.staff_id == request.user.pk
            and interaction.created_at >= signed_in_at
            and now <= services.undo_deadline(interaction)
        ):
            return interaction
    return None


def _fragments(request, context, *partials):
    """Render console partials for htmx: the first replaces the target, the rest swap
    themselves in out of band."""
    html = [render_to_string(f"{DESK}#{partials[0]}", context, request)]
    html += [render_to_string(f"{DESK}#{name}", {**context, "oob": True}, request) for name in partials[1:]]
    return HttpResponse("".join(html))


@require_GET
@role_required(*roles.SERVING, section="The desk")
@at_service_point
def desk(request, service_point):
    return render(request, DESK, _console_context(request, service_point))


@require_POST
@role_required(*roles.SERVING, section="The desk")
@at_service_point
def quick_log(request, service_point, kind_id):
    kind = InteractionKind.objects.filter(pk=kind_id, is_active=True).first()
    if kind is None:
        return _console_action_failed(request, service_point, "That kind of interaction is no longer offered.")
    services.interaction_log(
        by=request.user,
        service_point=service_point,
        kind=kind,
        submission_key=submission_key_from(request.POST),
    )
    return _console_action_done(request, service_point)


@require_POST
@role_required(*roles.SERVING, section="The desk")
@at_service_point
def repeat_last(request, service_point):
    try:
        services.interaction_repeat_last(
            by=request.user, service_point=service_point, submission_key=submission_key_from(request.POST)
        )
    except ValidationError as error:
        return _console_action_failed(request, service_point, error.messages[0])
    return _console_action_done(request, service_point)


@require_POST
@role_required(*roles.SERVING, section="The desk")
@at_service_point
def undo(request, service_point, pk):
    interaction = selectors.get_interaction_for(request.user, pk, may=may_undo_interaction)
    try:
        services.interaction_undo(interaction=interaction, by=request.user)
    except ValidationError as error:
        return _console_action_failed(request, service_point, error.messages[0])
    return _console_action_done(request, service_point, notice="Undone: it is no longer in the log.")


def _console_action_done(request, service_point, notice=None):
    if request.htmx:
        context = _console_context(request, service_point, notice=notice, with_forms=False)
        return _fragments(request, context, "quick_log", "todays_log")
    if notice:
        messages.success(request, notice)
    return redirect("interactions:desk")


def _console_action_failed(request, service_point, message):
    if request.htmx:
        context = _console_context(request, service_point, notice=message, with_forms=False)
        context["notice_is_error"] = True
        return _fragments(request, context, "quick_log")
    messages.error(request, message)
    return redirect("interactions:desk")


@require_POST
@role_required(*roles.SERVING, section="The desk")
@at_service_point
def log(request, service_point):
    """The full form. Errors come back with what was typed; success clears the form."""
    form = new_log_form(
        viewer=request.user, service_point=service_point, checklist_items=_checklists()[0], data=request.POST
    )
    if not form.is_valid():
        context = _console_context(request, service_point, form=form)
        if request.htmx:
            return _fragments(request, context, "log_form")
        return render(request, DESK, context, status=422)
    interaction, _ = services.interaction_log(
        by=request.user,
        service_point=service_point,
        submission_key=submission_key_from(request.POST),
        **form.interaction_fields(),
    )
    # "Callback scheduled": the next thing to do is to schedule it (the live desk's form).
    callback_for = interaction if interaction.outcome == interaction.Outcome.CALLBACK else None
    if request.htmx:
        context = {**_console_context(request, service_point), "callback_for": callback_for}
        return _fragments(request, context, "log_form", "quick_log", "todays_log")
    if callback_for is not None:
        return redirect(f"{reverse('desk:callback_new')}?interaction={callback_for.pk}")
    return redirect("interactions:desk")


@require_http_methods(["GET", "POST"])
@role_required(*roles.SERVING, section="The desk")
def choose_service_point(request):
    """Where the staff member works from now on: signing on starts their shift there
    (staff.current.work_at). Signing on is also when a desk opens: the opening checklist is
    ticked here, and adds to what colleagues ticked at that desk today."""
    points = service_points_for(request.user)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    # A path on this site only: anything else (another host, or a word redirect() would
    # take for a URL name) goes to the desk.
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, request.is_secure()
    ):
        next_url = ""
    opening = ChecklistForm(
        request.POST or None, items=checklists.items_for(Checklist.Key.DESK_OPENING), legend="Opening the desk", prefix="opening"
    )
    if request.method == "POST":
        form = ServicePointForm(request.POST, service_points=points)
        if form.is_valid():
            point = form.cleaned_data["service_point"]
            work_at(request, point)
            checklists.desk_session_record(
                service_point=point, kind=DeskSession.Kind.OPENING, by=request.user, ticked=opening.ticked()
            )
            messages.success(request, f"You are working at {point}.")
            return redirect(next_url or "interactions:desk")
    else:
        current = current_service_point(request) or last_service_point(request.user)
        form = ServicePointForm(service_points=points, initial={"service_point": current})
    return render(
        request,
        "interactions/choose_service_point.html",
        {"form": form, "opening": opening, "next": next_url},
        status=422 if form.is_bound else 200,
    )


@require_POST
@role_required(*roles.SERVING, section="The desk")
@at_service_point
def close_desk(request, service_point):
    """Closing the desk: the closing checklist for today at this service point, and the end
    of the person's shift there (the last sign-off of the day)."""
    form = _closing_form(_checklists()[1], request.POST)
    checklists.desk_session_record(
        service_point=service_point, kind=DeskSession.Kind.CLOSING, by=request.user, ticked=form.ticked()
    )
    sign_off(request)
    messages.success(
        request,
        f"{service_point.name} is closed for today: {len(form.ticked())} of {len(form.items)} closing items ticked. "
        "You are signed off from it.",
    )
    return redirect("choose_service_point")
