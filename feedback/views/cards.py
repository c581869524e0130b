"""Comment-card pages: the public kiosk and its thank-you page, typing in a paper card, the
triage queue, and a card's page with the steps the person may take (their views:
card_steps.py). Who sees which card is decided in staff/access/; what may happen next, in
feedback/services/card_rules.py."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import slug_re
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from feedback.forms.cards import (
    CardTypeInForm,
    KioskCardForm,
    NoteForm,
    QueueFilterForm,
    ReplyForm,
    ToSuggestionForm,
)
from feedback.models import CommentCard
from feedback.selectors import cards as selectors
from feedback.services import card_letters, card_rules
from feedback.services import cards as services
from servicedesk.lib.client import client_address
from servicedesk.lib.counts import BoundedPaginator
from servicedesk.lib.forms import add_errors, submission_key_from
from servicedesk.lib.links import with_links
from servicedesk.lib.workflow import available
from staff import roles
from staff.access import triages_cards
from staff.confidential import card_contact
from staff.current import current_service_point
from staff.decorators import role_required
from staff.models import Branch

logger = logging.getLogger(__name__)

TEMPLATES = "feedback/cards/"
PER_PAGE = 25
TRIAGING = (roles.SUPERVISOR, roles.DIRECTOR)
TRIAGE_SECTION = "Triaging comment cards"


# The kiosk ------------------------------------------------------------------------------------

def _pinned_branch(request) -> Branch | None:
    """A kiosk set up for one branch: /comment-card/?branch=<code>."""
    code = request.GET.get("branch", "")
    # A branch's code is a slug: anything else names no branch (a NUL would not even reach
    # PostgreSQL, which refuses it in a query).
    return Branch.objects.filter(code=code).first() if slug_re.match(code) else None


def _kiosk_url(name: str, branch: Branch | None) -> str:
    url = reverse(f"cards:{name}")
    return f"{url}?branch={branch.code}" if branch else url


# A card the kiosk could not take yet, kept in the session for the page it redirects to
# (POST/redirect/GET: the browser's Back button never offers to send the form again).
KIOSK_TYPED = "kiosk_card_typed"
# The thank-you page returns to a blank card by itself after this long (a meta refresh: no
# script, and the content security policy does not govern it).
KIOSK_RETURN_SECONDS = 20


@never_cache
@login_not_required
@require_http_methods(["GET", "POST"])
def kiosk(request):
    """The card a patron fills in at the entrance, signed in or not. It shows nothing of
    anyone's earlier card. Robots that fill in the hidden trap field are told "thank you"
    and nothing is saved (the log says why); too many cards from one address are refused
    with a plain explanation and the card as typed. A card not taken comes back through a
    redirect, with what was typed and why, shown once."""
    branch = _pinned_branch(request)
    if request.method == "GET":
        return _kiosk_page_again(request, branch) or _kiosk_page(request, KioskCardForm(branch=branch), branch)
    form = KioskCardForm(request.POST, branch=branch)
    if form.is_robot:
        logger.warning("Comment card refused: the hidden trap field was filled in (a robot); nothing saved")
        return redirect(_kiosk_url("kiosk_thanks", branch))
    if not form.is_valid():
        return _kiosk_come_back(request, branch, status=422)
    data = form.cleaned_data
    try:
        services.card_receive(
            branch=form.chosen_branch(),
            kind=data["kind"],
            comment=data["comment"],
            name=data["name"],
            contact=data["contact"],
            wants_reply=data["wants_reply"],
            address=client_address(request),
            submission_key=submission_key_from(request.POST),
        )
    except services.TooManyCards:
        refusal = (
            "Many cards have been sent from this tablet in the last few minutes, so we cannot take yours just now. "
            f"Please try again in {settings.COMMENT_CARD_RATE_MINUTES} minutes, or hand your comment to a member of staff: "
            "what you wrote is still below."
        )
        return _kiosk_come_back(request, branch, status=429, errors={NON_FIELD_ERRORS: [refusal]})
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
        return _kiosk_come_back(request, branch, status=422, errors=errors)
    return redirect(_kiosk_url("kiosk_thanks", branch))


def _kiosk_come_back(request, branch, *, status, errors=None):
    """Keep what was typed (never the form's token or key) and why it was not taken, for the
    page the redirect shows."""
    typed = {name: value for name, value in request.POST.items() if name not in ("csrfmiddlewaretoken", "submission_key")}
    request.session[KIOSK_TYPED] = {"typed": typed, "status": status, "errors": errors or {}}
    return redirect(_kiosk_url("kiosk", branch))


def _kiosk_page_again(request, branch):
    """The card kept by _kiosk_come_back, with its messages, once; None when there is none."""
    kept = request.session.pop(KIOSK_TYPED, None)
    if kept is None:
        return None
    form = KioskCardForm(kept["typed"], branch=branch)
    form.is_valid()
    if kept["errors"]:
        add_errors(form, ValidationError(kept["errors"]))
    return _kiosk_page(request, form, branch, status=kept["status"])


def _kiosk_page(request, form, branch, *, status=200):
    return render(request, TEMPLATES + "kiosk.html", {"form": form, "branch": branch}, status=status)


@never_cache
@login_not_required
@require_GET
def kiosk_thanks(request):
    """Thanks, and nothing of the card: the next patron sees only the invitation to write one,
    and the page returns to a blank card by itself."""
    branch = _pinned_branch(request)
    return render(
        request,
        TEMPLATES + "thanks.html",
        {"branch": branch, "again": _kiosk_url("kiosk", branch), "return_seconds": KIOSK_RETURN_SECONDS},
    )


# Typing in a paper card -----------------------------------------------------------------------

@never_cache
@require_http_methods(["GET", "POST"])
@role_required(*roles.SERVING, section="Comment cards")
def new(request):
    """A paper card typed in at the desk; the branch starts as the one of the service point."""
    if request.method == "GET":
        form = CardTypeInForm(viewer=request.user, service_point=current_service_point(request))
        return render(request, TEMPLATES + "new.html", {"form": form})
    form = CardTypeInForm(request.POST, viewer=request.user)
    if form.is_valid():
        try:
            card = services.card_type_in(by=request.user, submission_key=submission_key_from(request.POST), **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            due = f" A reply is due by {date_format(card.reply_by, 'l j F')}." if card.reply_by else ""
            messages.success(request, f"Comment card {card.reference} typed in for {card.branch.name}.{due}")
            return redirect("cards:detail", pk=card.pk)
    return render(request, TEMPLATES + "new.html", {"form": form}, status=422)


# The queue ------------------------------------------------------------------------------------

@never_cache
@require_GET
@role_required(*roles.SERVING, section="Comment cards")
def queue(request):
    """Supervisors: their branch's cards to triage. Desk staff: the cards they typed in. The
    Director: every branch's."""
    form = QueueFilterForm(request.GET or None, viewer=request.user)
    criteria = form.criteria()
    rows, counts = selectors.card_queue(
        viewer=request.user, status=criteria["status"], kind=criteria["kind"], overdue_only=criteria["overdue"],
        branch_id=criteria["branch_id"],
    )
    invalid = form.is_bound and not form.is_valid()
    if invalid:
        rows = rows.none()
    page = BoundedPaginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = with_links(page.object_list, "cards:detail")
    context = {"form": form, "page": page, "counts": counts, "triages": triages_cards(request.user)}
    return render(request, TEMPLATES + "queue.html", context, status=422 if invalid else 200)


# A card's page --------------------------------------------------------------------------------

OFFERED = {
    "thank": {"heading": "Thank", "button": "Mark as thanked", "help": "The patron has been thanked, or thanks is all it needs."},
    "act": {"heading": "Act on it", "button": "Mark as in action", "help": "Say in the note what is being done."},
    "close": {"heading": "Close", "button": "Close the card", "help": "Nothing more to do."},
}


@never_cache
@require_GET
@role_required(*roles.SERVING, section="Comment cards")
def detail(request, pk):
    card = selectors.get_card_for(request.user, pk)
    return card_page(request, card, {})


def step_form(action: str, card: CommentCard, data=None):
    """The form of one step, as offered (unbound, with its starting text) or as sent."""
    if action == "reply":
        initial = {"body": card_letters.reply_draft(card)} if data is None else None
        return ReplyForm(data, prefix="reply", initial=initial)
    if action == "to_suggestion":
        return ToSuggestionForm(data, prefix="to_suggestion")
    return NoteForm(data, prefix=action)


def _forms(card: CommentCard, actions: list[str], prepared: dict) -> dict:
    forms = dict(prepared)
    for action in actions:
        if action in forms:
            continue
        if action in ("reply", "to_suggestion", *OFFERED):
            forms[action] = step_form(action, card)
    return forms


def card_page(request, card: CommentCard, prepared: dict, *, status=200, version=None):
    """The card, with the forms of the steps the person may take. Every view of what the
    patron wrote and how to reach them by anyone but who typed it in is recorded."""
    contact = card_contact(request.user, card)
    actions = available(card_rules.WORKFLOW, request.user, card)
    forms = _forms(card, actions, prepared)
    if "reply" in forms:
        forms["reply"].address_to(card_letters.reply_email(contact) if contact else "")
    context = {
        "card": card,
        "contact": contact,
        "timeline": selectors.card_timeline(card),
        "labels": card_rules.STEP_LABELS,
        "steps": [
            {"action": action, "form": forms[action], "url": reverse(f"cards:{action}", args=[card.pk]), **OFFERED[action]}
            for action in OFFERED
            if action in forms
        ],
        "reply_form": forms.get("reply"),
        "suggestion_form": forms.get("to_suggestion"),
        "may_make_complaint": "to_complaint" in actions,
        "complaint_form": prepared.get("to_complaint"),
        "version": card.version if version is None else version,
        "not_saved": any(form.errors for form in prepared.values()),
    }
    return render(request, TEMPLATES + "detail.html", context, status=status)
