"""Patron look-up, registration, the patron page and its update form. Every page is for
the roles that serve patrons; which patron and which details a person may see is decided
in staff/access/, through patrons/selectors.py."""

from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from patrons import presence, selectors, services
from patrons.forms import PatronForm, PatronLookupForm, PresentCardForm
from policy.checklists import items_for, welcome_ticks_record
from policy.forms import ChecklistForm
from policy.models import Checklist
from servicedesk.lib.links import with_links
from servicedesk.lib.versions import posted_version
from servicedesk.lib.workflow import EditConflict
from staff import roles
from staff.access import first_own_branch, may_read_patron_history, may_update_patron
from staff.confidential import patron_details
from staff.current import current_service_point
from staff.decorators import role_required
from staff.models import Branch

LOOKUP = "patrons/lookup.html"
FORM = "patrons/form.html"


@never_cache
@require_http_methods(["GET", "POST"])
@role_required(*roles.SERVING, section="Patron records")
def lookup(request):
    """The search is posted: card numbers and names never go into a URL. With htmx only the
    results region comes back."""
    form = PatronLookupForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "searched": False, "matches": None}
    status = 200
    if form.is_bound:
        if form.is_valid():
            context["searched"] = True
            matches = selectors.find_patrons(viewer=request.user, query=form.cleaned_data["query"])
            context["matches"] = replace(matches, patrons=with_links(matches.patrons, "patrons:detail"))
        elif not request.htmx:
            status = 422
    if request.htmx:
        # htmx swaps 2xx answers only; the message about the query is part of the fragment.
        return render(request, f"{LOOKUP}#results", context)
    return render(request, LOOKUP, context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@role_required(*roles.SERVING, section="Patron records")
def register(request):
    """Register a new borrower, with how they were welcomed (the welcome checklist), then go
    to their page (POST/redirect/GET)."""
    welcome = ChecklistForm(
        request.POST or None, items=items_for(Checklist.Key.WELCOME), legend="Welcome", prefix="welcome"
    )
    if request.method == "POST":
        form = PatronForm(request.POST)
        if form.is_valid():
            with transaction.atomic():
                patron = _saved_or_errors(
                    form, lambda: services.patron_register(by=request.user, **form.patron_fields())
                )
                if patron is not None:
                    welcome_ticks_record(
                        patron=patron,
                        by=request.user,
                        ticked=welcome.ticked(),
                        service_point=current_service_point(request),
                    )
            if patron is not None:
                messages.success(
                    request,
                    "Registered: welcome them to the library! Explain the card and what the library "
                    "offers, offer a brief tour if there is time, and invite them to come back often.",
                )
                return redirect("patrons:detail", pk=patron.pk)
        return render(request, FORM, _form_context(form, registering=True, welcome=welcome), status=422)
    form = PatronForm(initial={"home_branch": _default_branch(request)})
    return render(request, FORM, _form_context(form, registering=True, welcome=welcome))


def _default_branch(request) -> Branch | None:
    """Where the patron is standing: the branch of the desk the staff member works at, or
    else their (first) own branch."""
    service_point = current_service_point(request)
    if service_point is not None:
        return service_point.branch
    return first_own_branch(request.user)


@never_cache
@require_GET
@role_required(*roles.SERVING, section="Patron records")
def detail(request, pk):
    """The patron page: name and card for everyone who serves patrons, registration details
    for a supervisor of the patron's home branch and the Director, and for supervisors and the
    Director the patron's interaction history, shown when asked for (the read is recorded)."""
    patron = selectors.get_patron_for(request.user, pk)
    details = patron_details(request.user, patron)
    return render(
        request,
        "patrons/detail.html",
        {
            "patron": patron,
            "details": details,
            "reads": selectors.details_reads(viewer=request.user, patron=patron) if details else [],
            "may_see_history": may_read_patron_history(request.user, patron),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@role_required(*roles.SERVING, section="Patron records")
def edit(request, pk):
    """Update a patron. roles.md: desk staff (and supervisors of other branches) see the
    registration details only "updating with the patron present (their card scanned or
    typed; read is recorded)": for them the page asks for the card first, and the form it
    opens carries the proof to its save (patrons/presence.py). Saved from an older copy
    (someone else saved meanwhile) is refused: the form keeps what was typed and the page
    shows what is saved now."""
    patron = selectors.get_patron_for(request.user, pk)
    if request.method == "GET":
        details = patron_details(request.user, patron)
        if details is None:
            return _card_prompt(request, patron, PresentCardForm(patron=patron))
        return render(request, FORM, _form_context(PatronForm(instance=patron, viewer=request.user), patron=patron, details=details, version=patron.version))
    if "presented_card" in request.POST:
        return _card_presented(request, patron)

    proof = request.POST.get(presence.FIELD, "")
    present = presence.is_present(viewer=request.user, patron=patron, proof=proof)
    if not may_update_patron(request.user, patron, present=present):
        return _card_prompt(request, patron, PresentCardForm(patron=patron), proof_refused=True)
    sent_version = posted_version(request)
    form = PatronForm(request.POST, instance=patron, viewer=request.user)
    conflict = False
    if form.is_valid():
        try:
            saved = _saved_or_errors(
                form,
                lambda: services.patron_update(
                    patron=patron,
                    by=request.user,
                    version=sent_version,
                    present=present,
                    status_reason=form.status_reason(),
                    **form.patron_fields(),
                ),
            )
        except EditConflict:
            conflict = True
        else:
            if saved is not None:
                messages.success(request, "Changes saved.")
                return redirect("patrons:detail", pk=patron.pk)
    # The form holds what was typed (and validation wrote it onto `patron`): read what is saved.
    current = selectors.get_patron_for(request.user, pk)
    # After a conflict, saving again from the version now saved is a decision, not an accident.
    version = current.version if conflict else sent_version
    details = patron_details(request.user, current, present=present)
    context = _form_context(form, patron=current, details=details, version=version, conflict=conflict, proof=proof)
    return render(request, FORM, context, status=409 if conflict else 422)


def _card_presented(request, patron):
    """The patron's card, scanned or typed: the right one opens the details (a recorded read)
    and the form, with the proof for its save. A wrong one is refused with what was typed."""
    card = PresentCardForm(request.POST, patron=patron)
    if not card.is_valid():
        return _card_prompt(request, patron, card)
    details = patron_details(request.user, patron, present=True)
    proof = presence.presence_proof(viewer=request.user, patron=patron)
    form = PatronForm(instance=patron, viewer=request.user)
    context = _form_context(form, patron=patron, details=details, version=patron.version, proof=proof)
    return render(request, FORM, context)


def _card_prompt(request, patron, card, *, proof_refused=False):
    """The update page before the card: the patron's name and card status, and the card box.
    An update sent without a valid proof (forged, expired, another person's) saves nothing."""
    status = 403 if proof_refused else 422 if card.is_bound else 200
    context = {"patron": patron, "card": card, "proof_refused": proof_refused, "minutes": presence.PRESENT_FOR.seconds // 60}
    return render(request, "patrons/present.html", context, status=status)


def _saved_or_errors(form, save):
    """Call the service; a rule it enforces (a card number taken a moment ago) lands on the form."""
    try:
        return save()
    except ValidationError as error:
        form.add_error(None, error)
        return None


def _form_context(
    form, *, registering=False, patron=None, details=None, version=None, conflict=False, welcome=None, proof=""
) -> dict:
    return {
        "proof": proof,
        "form": form,
        "details": details,
        "welcome": welcome,
        "registering": registering,
        "patron": patron,
        "version": version,
        "conflict": conflict,
    }
