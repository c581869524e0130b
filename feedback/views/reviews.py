"""Collection-review requests: the queue, the request form, the request page with its steps,
the requester's printable copy and letter, and the public list of decisions.

Every page starts from feedback/selectors/reviews.py (scope: staff.access); who asked is
read through staff.confidential.review_requester, which records the read. A step's form is
offered only to those who may take it; a POST from anyone else answers 404, like a request
outside their scope. A refused step comes back on the request page with its message and
what was typed."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from feedback.forms.reviews import (
    AppealForm,
    CloseForm,
    CommitteeForm,
    DecisionForm,
    PublishForm,
    QueueFilterForm,
    RecommendationForm,
    ReplyForm,
    ReviewRequestForm,
)
from feedback.models import ReplyChannel, ReviewRequest
from feedback.selectors import reviews as selectors
from feedback.services import review_letters, review_rules, reviews
from feedback.services.notify import signature
from servicedesk.lib.forms import submission_key_from
from servicedesk.lib.workflow import available, in_status
from staff import roles
from staff.access import first_own_branch
from staff.confidential import review_requester
from staff.current import current_service_point
from staff.decorators import role_required
from staff.models import Branch, LibrarySettings

SECTION = "Collection reviews"
PER_PAGE = 25
TEMPLATES = "feedback/reviews/"


@never_cache
@require_GET
@role_required(*roles.SERVING, section=SECTION)
def queue(request):
    form = QueueFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.review_queue(
        viewer=request.user,
        status=filters.get("status", ""),
        overdue=filters.get("overdue", False),
        mine=filters.get("mine", False),
        newest_first=filters.get("sort") == "newest",
    )
    context = {
        "form": form,
        "page": Paginator(found, PER_PAGE).get_page(request.GET.get("page")),
        "counts": selectors.review_counts(viewer=request.user),
        "today": timezone.localdate(),
    }
    return render(request, TEMPLATES + "queue.html", context, status=200 if form.is_valid() else 422)


def _branch_here(request) -> Branch | None:
    """The branch of the desk the staff member works at, or else their (first) own branch."""
    service_point = current_service_point(request)
    if service_point is not None:
        return service_point.branch
    return first_own_branch(request.user)


@never_cache
@require_http_methods(["GET", "POST"])
@role_required(*roles.SERVING, section=SECTION)
def new(request):
    """The request form, filled in with the patron; then their printable copy."""
    branch = _branch_here(request)
    if branch is None:
        messages.info(request, "First choose the service point you are working at.")
        return redirect(f"{reverse('choose_service_point')}?next={reverse('reviews:new')}")
    form = ReviewRequestForm(request.POST or None, viewer=request.user)
    if form.is_bound and form.is_valid():
        try:
            review = reviews.review_take(
                by=request.user,
                branch=branch,
                submission_key=submission_key_from(request.POST),
                **form.request_fields(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Received as {review.reference}. Print the patron's copy and tell them the item stays "
                "available while it is reviewed.",
            )
            return redirect("reviews:detail", pk=review.pk)
    return render(
        request, TEMPLATES + "form.html", {"form": form, "branch": branch}, status=422 if form.is_bound else 200
    )


# The request page and the steps it offers (their views: review_steps.py) --------------------


def _reply_initial(review, draft):
    channel = ReplyChannel.EMAIL if review.requester_email else ReplyChannel.LETTER
    return {"channel": channel, "body": draft}


@dataclass(frozen=True)
class Offered:
    """How the request page offers a step: its heading, its button, its form and what the
    form starts with for the person taking it. Who may take it, and when, is the table in
    review_rules.py."""

    title: str
    button: str
    form: type
    initial: Callable = lambda review, user: {}


OFFERED = {
    "acknowledge": Offered(
        "Acknowledge the request",
        "Acknowledge and record the reply",
        ReplyForm,
        initial=lambda review, user: _reply_initial(review, review_letters.acknowledgment_draft(review)),
    ),
    "assign_committee": Offered("Assign the committee", "Assign the committee", CommitteeForm),
    "decide": Offered("Decide", "Record the decision", DecisionForm),
    "send_decision": Offered(
        "Send the decision letter",
        "Send or record the letter",
        ReplyForm,
        initial=lambda review, user: _reply_initial(review, review_letters.decision_letter_draft(review, by=user)),
    ),
    "appeal": Offered("Record an appeal", "Record the appeal", AppealForm),
    "decide_appeal": Offered("Decide the appeal", "Record the decision on the appeal", DecisionForm),
    "send_appeal_decision": Offered(
        "Send the appeal decision letter",
        "Send or record the letter",
        ReplyForm,
        initial=lambda review, user: _reply_initial(review, review_letters.appeal_decision_letter_draft(review)),
    ),
    "close": Offered("Close the request", "Close", CloseForm),
    "publish": Offered(
        "The public list of decisions",
        "Publish on the list of decisions",
        PublishForm,
        initial=lambda review, user: {"published": not review.published},
    ),
}


# The newest earlier requests about the same title shown on a request's page; the rest are
# counted ("and 12 more"): a title asked about again and again must not bury the page.
EARLIER_SHOWN = 5


def _offered_forms(user, review) -> dict:
    """The unbound forms of the steps this person may take now (the recommendation has its
    own form, on the reviewer's row)."""
    return {
        name: OFFERED[name].form(prefix=name, initial=OFFERED[name].initial(review, user))
        for name in available(review_rules.WORKFLOW, user, review)
        if name in OFFERED
    }


def review_page(request, review, *, bound=None, recommendation_form=None, conflict=False, status=200):
    forms = _offered_forms(request.user, review)
    forms.update(bound or {})
    own_row = selectors.my_reviewer_row(review, request.user)
    if recommendation_form is None and own_row and in_status(review_rules.WORKFLOW, review, "recommend"):
        recommendation_form = RecommendationForm(instance=own_row, prefix="recommend")
    requester = review_requester(request.user, review)
    months = LibrarySettings.current().review_recent_months
    earlier = selectors.earlier_reviews_of(review, viewer=request.user, months=months)
    context = {
        "review": review,
        "requester": requester,
        "replies": review.replies.select_related("by") if requester else [],
        "reviewers": review.reviewers.all(),
        "own_row": own_row,
        "recommendation_form": recommendation_form,
        "steps": [
            (step, review_rules.STEP_LABELS.get(step.action, step.action)) for step in review.steps.select_related("by")
        ],
        "earlier": earlier[:EARLIER_SHOWN],
        "earlier_more": max(0, len(earlier) - EARLIER_SHOWN),
        "recent_months": months,
        "overdue": selectors.is_overdue(review),
        "actions": [
            {
                "name": name,
                "form": form,
                "url": reverse(f"reviews:{name}", args=[review.pk]),
                "title": OFFERED[name].title,
                "button": OFFERED[name].button,
            }
            for name, form in forms.items()
        ],
        "conflict": conflict,
        "next_step": review_rules.NEXT_STEP[review.status],
    }
    return render(request, TEMPLATES + "detail.html", context, status=status)


@never_cache
@require_GET
@role_required(*roles.SERVING, section=SECTION)
def detail(request, pk):
    return review_page(request, selectors.get_review_for(request.user, pk))



def _requester_page(request, pk) -> tuple[ReviewRequest, object]:
    """The copy and the letters carry the requester's name: only for those who may read it."""
    review = selectors.get_review_for(request.user, pk)
    requester = review_requester(request.user, review)
    if requester is None:
        raise Http404("No review request here.")
    return review, requester


@never_cache
@require_GET
@role_required(*roles.SERVING, section=SECTION)
def copy(request, pk):
    """The requester's printable copy of what they asked, with the reference to quote."""
    review, requester = _requester_page(request, pk)
    return render(request, TEMPLATES + "copy.html", {"review": review, "requester": requester})


@never_cache
@require_GET
@role_required(*roles.SERVING, section=SECTION)
def letter(request, pk):
    """The latest letter to the requester, to print: the letter with the decision on the
    appeal once it is decided, the decision letter once decided, else the acknowledgment; as
    recorded, or as drafted until it is."""
    review, requester = _requester_page(request, pk)
    if review.appeal_decided_at:
        sent = review.replies.order_by("-at", "-pk").first() if review.appeal_notified_at else None
        draft = None if sent else review_letters.appeal_decision_letter_draft(review)
    elif review.decided_at:
        sent = review.replies.filter(at__gte=review.decided_at).order_by("-at", "-pk").first()
        draft = None if sent else review_letters.decision_letter_draft(review, by=request.user)
    else:
        sent = review.replies.order_by("at", "pk").first()
        draft = None if sent else review_letters.acknowledgment_draft(review)
    context = {
        "review": review,
        "requester": requester,
        "sent": sent,
        "body": sent.body if sent else draft,
        "today": timezone.localdate(),
        "library": LibrarySettings.current(),
        # A letter as recorded carries its sender's signature; a draft is signed by whoever prints it.
        "signature": "" if sent else signature(request.user, review.branch),
    }
    return render(request, TEMPLATES + "letter.html", context)


@require_GET
@login_not_required
def decisions(request):
    """The public list: published decisions on items, never who asked or what they wrote."""
    page = Paginator(selectors.public_decisions(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, TEMPLATES + "decisions.html", {"page": page})


@require_GET
@login_not_required
def decision(request, pk):
    return render(
        request, TEMPLATES + "decision.html", {"review": get_object_or_404(selectors.public_decisions(), pk=pk)}
    )
