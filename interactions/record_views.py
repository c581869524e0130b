"""An interaction's own page: who logged it, correcting it (its author, their supervisor, the
Director), voiding it with a reason (supervisors and the Director), and a patron's history of
interactions for supervisors. The console is in interactions/views.py."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from interactions import selectors, services
from interactions.forms import InteractionForm, VoidForm
from patrons.selectors import get_patron_for
from policy import checklists
from servicedesk.lib.step_views import EDITED_MEANWHILE, take_step
from servicedesk.lib.versions import posted_version
from servicedesk.lib.workflow import EditConflict
from staff import roles
from staff.access import may_edit_interaction, may_void_interaction
from staff.confidential import interaction_confidential
from staff.decorators import SectionRefused, role_required


@require_http_methods(["GET", "POST"])
@role_required(*roles.SERVING, section="The desk")
def detail(request, pk):
    """An interaction's page: its statistical part for whoever may see it, the patron and the
    note for those who may read them, and the correction form for those who may correct it."""
    interaction = selectors.get_interaction_for(request.user, pk, write=request.method == "POST")
    can_edit = may_edit_interaction(request.user, interaction) and not interaction.is_voided
    version = interaction.version
    form = None
    items = checklists.items_for(*checklists.INTERACTION_CHECKLISTS) if can_edit else []
    ticked = checklists.ticked_items(interaction) if can_edit else None
    if request.method == "POST":
        form = InteractionForm(
            request.POST, instance=interaction, viewer=request.user, checklist_items=items, ticked=ticked
        )
        if form.is_valid():
            try:
                services.interaction_correct(
                    interaction=interaction,
                    by=request.user,
                    version=posted_version(request),
                    **form.interaction_fields(),
                )
            except EditConflict:
                # Saving again, from the version now saved, is a decision, not an accident.
                version = None
                messages.warning(
                    request,
                    "Someone else saved a change to this interaction after you opened it. "
                    "What is saved now is shown on the left; your changes are still in the form. "
                    "Save again to replace theirs with yours.",
                )
            else:
                messages.success(request, "Correction saved.")
                return redirect("interactions:detail", pk=interaction.pk)
        else:
            version = posted_version(request)
    elif can_edit:
        form = InteractionForm(instance=interaction, viewer=request.user, checklist_items=items, ticked=ticked)
    return _detail_page(
        request,
        pk,
        saved=interaction if request.method == "GET" else None,
        form=form,
        can_edit=can_edit,
        version=version,
        status=422 if request.method == "POST" else 200,
    )


def _detail_page(request, pk, *, saved=None, form=None, can_edit=False, version=None, void_form=None, status=200):
    """The interaction's page as saved now (`saved`, or read again: a form holds what was
    typed; the page shows what is saved), with the correction form and the void step for
    those who may use them."""
    saved = saved or selectors.get_interaction_for(request.user, pk)
    may_void = may_void_interaction(request.user, saved) and not saved.is_voided
    return render(
        request,
        "interactions/detail.html",
        {
            "interaction": saved,
            "ticks": checklists.ticks_of(saved),
            "form": form,
            "can_edit": can_edit,
            "void_form": (void_form or VoidForm()) if may_void else None,
            "confidential": interaction_confidential(request.user, saved),
            "version": saved.version if version is None else version,
        },
        status=status,
    )


@require_POST
@role_required(roles.SUPERVISOR, roles.DIRECTOR, section="Voiding interactions")
def void(request, pk):
    """Void an interaction with a reason: kept, marked, and left out of counts and reports."""
    interaction = selectors.get_interaction_for(request.user, pk, may=may_void_interaction)
    form = VoidForm(request.POST)

    def done(voided):
        messages.success(request, "Voided: it stays in the record, marked, and no longer counts.")
        return redirect("interactions:detail", pk=voided.pk)

    def again(*, status, version):
        if status == EDITED_MEANWHILE:
            messages.warning(
                request, "Someone else saved a change to this interaction after you opened it: check it, then void it again."
            )
        return _detail_page(request, pk, void_form=form, version=version, status=status)

    return take_step(
        request,
        form,
        lambda data, version: services.interaction_void(
            interaction=interaction, by=request.user, reason=data["reason"], version=version
        ),
        done=done,
        again=again,
    )


@require_GET
@role_required(*roles.SERVING, section="Patron records")
def patron_history(request, pk):
    """A patron's interaction history, for supervisors (own branch) and the Director (roles.md);
    the patron page loads it into its own section. The read is recorded."""
    patron = get_patron_for(request.user, pk)
    history = selectors.patron_history(viewer=request.user, patron=patron)
    if history is None:
        raise SectionRefused("A patron's interaction history", (roles.SUPERVISOR, roles.DIRECTOR))
    rows = history[: selectors.PATRON_HISTORY_ROWS]
    template = "interactions/patron_history.html" + ("#history" if request.htmx else "")
    return render(request, template, {"patron": patron, "history": rows, "total": history.count()})
