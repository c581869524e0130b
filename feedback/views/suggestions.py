"""Purchase-suggestion pages: the list, taking one (also from a desk interaction whose
alternative offered was a purchase suggestion), and a suggestion's page with the decision."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from feedback.forms.suggestions import DecideForm, ListFilterForm, SuggestionForm
from feedback.selectors import suggestions as selectors
from feedback.services import suggestions as services
from servicedesk.lib.forms import submission_key_from
from interactions.selectors import interaction_with_patron
from servicedesk.lib.step_views import EDITED_MEANWHILE, add_errors, take_step
from servicedesk.lib.workflow import available
from staff import roles
from staff.access import may_decide_suggestion
from staff.confidential import interaction_confidential, suggestion_contact
from staff.current import current_service_point
from staff.decorators import role_required

TEMPLATES = "feedback/suggestions/"
PER_PAGE = 25


@never_cache
@require_GET
@role_required(*roles.SERVING, section="Purchase suggestions")
def suggestion_list(request):
    """Supervisors: their branch's. Desk staff: the ones they took. The Director: all."""
    form = ListFilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    rows, counts = selectors.suggestion_list(viewer=request.user, status=status)
    invalid = form.is_bound and not form.is_valid()
    page = Paginator(rows.none() if invalid else rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, TEMPLATES + "list.html", {"form": form, "page": page, "counts": counts}, status=422 if invalid else 200)


def _interaction_named(request):
    """The desk interaction named in ?interaction=, if the person may read who it was with
    (a suggestion taken from it is linked to it); otherwise None."""
    try:
        pk = int(request.GET.get("interaction", ""))
    except ValueError:
        return None
    return interaction_with_patron(request.user, pk)


@never_cache
@require_http_methods(["GET", "POST"])
@role_required(*roles.SERVING, section="Purchase suggestions")
def new(request):
    """Take a purchase suggestion. From the desk (?interaction=<id>), the patron of that
    interaction is filled in."""
    interaction = _interaction_named(request)
    if request.method == "GET":
        # Who it was with fills in the form: a read of its confidential part, recorded.
        confidential = interaction_confidential(request.user, interaction) if interaction else None
        initial = {}
        point = interaction.service_point if interaction else current_service_point(request)
        if point is not None:
            initial["branch"] = point.branch_id
        if confidential is not None and confidential.patron is not None:
            initial["patron_card"] = confidential.patron.card_number
            initial["contact_name"] = confidential.patron.full_name
        form = SuggestionForm(viewer=request.user, initial=initial)
        context = {"form": form, "interaction": interaction, "confidential": confidential}
        return render(request, TEMPLATES + "new.html", context)
    form = SuggestionForm(request.POST, viewer=request.user)
    if form.is_valid():
        try:
            suggestion = services.suggestion_take(
                by=request.user,
                interaction=interaction,
                submission_key=submission_key_from(request.POST),
                **form.suggestion_fields(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Purchase suggestion {suggestion.reference} recorded. Thank the patron for it.")
            return redirect("suggestions:detail", pk=suggestion.pk)
    return render(request, TEMPLATES + "new.html", {"form": form, "interaction": interaction}, status=422)


@never_cache
@require_GET
@role_required(*roles.SERVING, section="Purchase suggestions")
def detail(request, pk):
    suggestion = selectors.get_suggestion_for(request.user, pk)
    return suggestion_page(request, suggestion, None)


def suggestion_page(request, suggestion, form, *, status=200, version=None):
    """Who asked and how to tell them are read here: recorded for anyone but who took it."""
    contact = suggestion_contact(request.user, suggestion)
    choices = available(services.WORKFLOW, request.user, suggestion)
    if form is None and choices:
        form = DecideForm(choices=choices)
    context = {
        "suggestion": suggestion,
        "contact": contact,
        "form": form,
        "may_decide": may_decide_suggestion(request.user, suggestion),
        "version": suggestion.version if version is None else version,
        "notice_email": services.notice_email(contact) if contact else "",
    }
    return render(request, TEMPLATES + "detail.html", context, status=status)


@never_cache
@require_POST
@role_required(roles.SUPERVISOR, roles.DIRECTOR, section="Deciding purchase suggestions")
def decide(request, pk):
    """Accept, order or decline it (see services.suggestion_decide)."""
    suggestion = selectors.get_suggestion_for(request.user, pk, decide=True)
    form = DecideForm(request.POST, choices=list(services.WORKFLOW))

    def done(decided):
        told = " The patron has been told by e-mail." if decided.tell_by == "email" else ""
        messages.success(request, f"Marked as {decided.get_status_display().lower()}.{told}")
        return redirect("suggestions:detail", pk=pk)

    def again(*, status, version):
        saved = selectors.get_suggestion_for(request.user, pk)
        if status == EDITED_MEANWHILE:
            messages.warning(
                request,
                f"Someone else decided this suggestion after you opened it: it is now {saved.get_status_display().lower()}. "
                "Nothing of yours was saved; what you typed is still in the form.",
            )
        return suggestion_page(request, saved, form, status=status, version=version)

    def run(data, version):
        return services.suggestion_decide(suggestion=suggestion, by=request.user, version=version, **data)

    return take_step(request, form, run, done=done, again=again)
