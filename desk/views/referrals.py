"""Referrals: refer a patron's question to someone found in the directory (from the desk
form's interaction, or directly), the lists at /referrals/, and a referral's page with the
steps the person may take (answer it, pass it on). Who sees which referral is decided in
staff/access/referrals.py; what may happen next, in desk/services/referral_rules.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from desk.forms.referrals import AnswerForm, PassOnForm, ReferralForm
from desk.selectors import referrals as selectors
from desk.services import referral_rules
from desk.services import referrals as services
from interactions.selectors import interaction_with_patron
from servicedesk.lib.forms import add_errors, submission_key_from
from servicedesk.lib.step_views import EDITED_MEANWHILE, take_step
from servicedesk.lib.workflow import available
from staff import roles
from staff.confidential import interaction_confidential, referral_confidential
from staff.decorators import at_service_point, role_required

SECTION = "Referrals"
TEMPLATES = "desk/referrals/"


@never_cache
@require_GET
@role_required(*roles.SERVING, section=SECTION)
def referrals(request):
    """What is referred to the person, what waits too long (supervisors: own branch; the
    Director: all), every open referral they oversee, and what became of the ones they referred."""
    context = {
        "referred_to_me": selectors.referred_to_me(request.user),
        "waiting": selectors.waiting_too_long(request.user),
        "overseen": selectors.open_at_my_branches(request.user),
        "referred_by_me": selectors.referred_by_me(request.user),
    }
    return render(request, TEMPLATES + "list.html", context)


# Referring a question -----------------------------------------------------------------------------

def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _entries(viewer, query: str, chosen: int | None):
    """Who the question may go to: those matching the search (everyone without one), and the
    one already chosen; never the person referring it."""
    entries = selectors.directory_visible_to(viewer).exclude(user=viewer)
    if query:
        matching = selectors.search_directory(viewer, query).values("pk")
        entries = entries.filter(Q(pk__in=matching) | Q(pk=chosen or 0))
    return entries


def _from_interaction(request, value):
    """The desk interaction the question comes from, if the person may read its question
    (its author, usually); otherwise the referral starts blank."""
    pk = _int(value)
    interaction = interaction_with_patron(request.user, pk) if pk else None
    confidential = interaction_confidential(request.user, interaction) if interaction else None
    return (interaction, confidential) if confidential else (None, None)


@never_cache
@require_http_methods(["GET", "POST"])
@role_required(*roles.SERVING, section=SECTION)
@at_service_point
def new(request, service_point):
    """Refer a question. From the desk (?interaction=<pk>): the interaction's question and
    patron are filled in. "Find" narrows who it may go to by subject, keeping what was typed."""
    source = request.POST if request.method == "POST" else request.GET
    interaction, confidential = _from_interaction(request, source.get("interaction"))
    query = source.get("q", "").strip()
    chosen = _int(source.get("referred_to") or source.get("to"))
    entries = _entries(request.user, query, chosen)
    if request.method == "GET":
        initial = {"q": query, "referred_to": chosen}
        if confidential:
            initial["question"] = confidential.note
            patron = confidential.patron
            initial["patron_name"] = patron.full_name if patron else ""
        form = ReferralForm(initial=initial, entries=entries)
        return _new_page(request, form, interaction, query)
    if "find" in request.POST:
        # Only the search: nothing is refused yet, and what was typed stays.
        return _new_page(request, ReferralForm(initial=request.POST.dict(), entries=entries), interaction, query)
    form = ReferralForm(request.POST, entries=entries)
    if form.is_valid():
        try:
            referral = services.referral_make(
                by=request.user,
                service_point=service_point,
                interaction=interaction,
                submission_key=submission_key_from(request.POST),
                **form.referral_fields(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, f"Referral {referral.reference} sent to {referral.referred_to.display_name}. "
                "You will see the answer under “Referred by me”."
            )
            return redirect("desk:referral", pk=referral.pk)
    return _new_page(request, form, interaction, query, status=422)


def _new_page(request, form, interaction, query, *, status=200):
    context = {"form": form, "interaction": interaction, "query": query}
    return render(request, TEMPLATES + "new.html", context, status=status)


# A referral's page and its steps -------------------------------------------------------------

OFFERED = {
    "answer": {"heading": "Answer it", "button": "Record the answer", "help": "When the patron has been given the answer: this closes the referral."},
    "pass_on": {"heading": "Pass it on", "button": "Pass it on", "help": "Someone else can answer it better. It stays open."},
}


def step_form(action: str, viewer, data=None):
    if action == "answer":
        return AnswerForm(data, prefix="answer")
    return PassOnForm(data, prefix="pass_on", entries=selectors.directory_visible_to(viewer))


def referral_page(request, referral, prepared: dict, *, status=200, version=None):
    """The referral, with the forms of the steps the person may take. Every read of the
    question and the patron's contact by anyone but who referred it is recorded."""
    actions = available(referral_rules.WORKFLOW, request.user, referral)
    forms = {action: prepared.get(action) or step_form(action, request.user) for action in actions}
    context = {
        "referral": referral,
        "confidential": referral_confidential(request.user, referral),
        "timeline": selectors.referral_timeline(referral),
        "labels": referral_rules.STEP_LABELS,
        "steps": [
            {"action": action, "form": forms[action], "url": reverse(f"desk:referral_{action}", args=[referral.pk]), **OFFERED[action]}
            for action in OFFERED
            if action in forms
        ],
        "version": referral.version if version is None else version,
        "not_saved": any(form.errors for form in prepared.values()),
    }
    return render(request, TEMPLATES + "detail.html", context, status=status)


@never_cache
@require_GET
@role_required(*roles.SERVING, section=SECTION)
def detail(request, pk):
    return referral_page(request, selectors.get_referral_for(request.user, pk), {})


EDITED_MEANWHILE_MESSAGE = (
    "Someone else changed this referral after you opened it (see the timeline). It is now {status}. "
    "Nothing of yours was saved; what you typed is still in the form."
)


def _step(request, pk, action: str, run, *, message: str):
    """Run one step from its form: `run(referral, cleaned_data, version)`. A refusal or a bad
    form comes back with what was typed (422); a change made meanwhile is refused (409)."""
    # Seen but not theirs to act on: 404, as for a referral outside their scope.
    referral = selectors.get_referral_for(request.user, pk, may=referral_rules.WORKFLOW[action].may)
    form = step_form(action, request.user, request.POST)

    def taken(result):
        messages.success(request, message)
        return redirect("desk:referral", pk=pk)

    def again(*, status, version):
        saved = selectors.get_referral_for(request.user, pk)
        if status == EDITED_MEANWHILE:
            messages.warning(request, EDITED_MEANWHILE_MESSAGE.format(status=saved.get_status_display().lower()))
        return referral_page(request, saved, {action: form}, status=status, version=version)

    return take_step(request, form, lambda data, version: run(referral, data, version), done=taken, again=again)


@never_cache
@require_POST
@role_required(*roles.SERVING, section=SECTION)
def answer(request, pk):
    """The patron has been given the answer: it closes the referral."""
    return _step(
        request, pk, "answer",
        lambda referral, data, version: services.referral_answer(referral=referral, by=request.user, version=version, **data),
        message="Answer recorded: the referral is closed, and whoever referred it sees the answer.",
    )


@never_cache
@require_POST
@role_required(*roles.SERVING, section=SECTION)
def pass_on(request, pk):
    """Someone else answers it: it goes to them, and stays open."""
    return _step(
        request, pk, "pass_on",
        lambda referral, data, version: services.referral_pass_on(referral=referral, by=request.user, version=version, **data),
        message="Passed on.",
    )
