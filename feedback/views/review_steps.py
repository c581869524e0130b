"""The steps of a collection-review request, one view each (POST from the request's page).
Who may take a step, and when, is the table in feedback/services/review_rules.py. A request the
person may see, a step that is not theirs: 404, as for one outside their scope. A refused step comes back on the request page
with its message and what was typed (servicedesk/lib/step_views.py)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from feedback.forms.reviews import RecommendationForm
from feedback.selectors import reviews as selectors
from feedback.services import review_rules, reviews
from feedback.views.reviews import OFFERED, SECTION, review_page
from servicedesk.lib.step_views import EDITED_MEANWHILE, take_step
from staff import roles
from staff.decorators import role_required


def _step(request, pk, name: str, service, *, done: str):
    """Take step `name` with its service, whose arguments are the form's fields."""
    # A request the person may see, a step that is not theirs: 404, as outside their scope.
    review = selectors.get_review_for(request.user, pk, may=review_rules.WORKFLOW[name].may)
    form = OFFERED[name].form(request.POST, prefix=name)

    def taken(result):
        messages.success(request, done)
        return redirect("reviews:detail", pk=pk)

    def again(*, status, version):
        saved = selectors.get_review_for(request.user, pk)
        return review_page(request, saved, bound={name: form}, conflict=status == EDITED_MEANWHILE, status=status)

    def run(data, version):
        return service(review=review, by=request.user, version=version, **data)

    return take_step(request, form, run, done=taken, again=again)


@require_POST
@role_required(*roles.SERVING, section=SECTION)
def acknowledge(request, pk):
    """Acknowledge the request and record the reply to the requester."""
    return _step(request, pk, "acknowledge", reviews.review_acknowledge, done="Acknowledged.")


@require_POST
@role_required(*roles.SERVING, section=SECTION)
def assign_committee(request, pk):
    return _step(
        request, pk, "assign_committee", reviews.review_assign_committee,
        done="Committee assigned; the reviewers have been told by e-mail.",
    )


@require_POST
@role_required(*roles.SERVING, section=SECTION)
def decide(request, pk):
    """The Director or the committee's chair decides, with written reasons."""
    return _step(request, pk, "decide", reviews.review_decide, done="Decision recorded. Next: the decision letter.")


@require_POST
@role_required(*roles.SERVING, section=SECTION)
def send_decision(request, pk):
    return _step(
        request, pk, "send_decision", reviews.review_send_decision,
        done="Decision letter recorded; the appeal window has started.",
    )


@require_POST
@role_required(*roles.SERVING, section=SECTION)
def appeal(request, pk):
    return _step(request, pk, "appeal", reviews.review_appeal, done="Appeal recorded; the Director has been told.")


@require_POST
@role_required(*roles.SERVING, section=SECTION)
def decide_appeal(request, pk):
    return _step(request, pk, "decide_appeal", reviews.review_decide_appeal, done="Decision on the appeal recorded.")


@require_POST
@role_required(*roles.SERVING, section=SECTION)
def send_appeal_decision(request, pk):
    return _step(
        request, pk, "send_appeal_decision", reviews.review_send_appeal_decision,
        done="The letter with the decision on the appeal is recorded. Next: close the request.",
    )


@require_POST
@role_required(*roles.SERVING, section=SECTION)
def close(request, pk):
    return _step(request, pk, "close", reviews.review_close, done="Closed.")


@require_POST
@role_required(*roles.SERVING, section=SECTION)
def publish(request, pk):
    """Put the decision on the public list of decisions, or take it off."""
    return _step(request, pk, "publish", reviews.review_publish, done="The list of decisions is updated.")


@require_POST
@role_required(*roles.SERVING, section=SECTION)
def recommend(request, pk):
    """A reviewer's own recommendation; two tabs saving it are told, as two people are."""
    review = selectors.get_review_for(request.user, pk)
    row = selectors.my_reviewer_row(review, request.user)
    if row is None:
        raise Http404("No review request here.")
    form = RecommendationForm(request.POST, instance=row, prefix="recommend")

    def taken(result):
        messages.success(request, "Your recommendation is recorded.")
        return redirect("reviews:detail", pk=pk)

    def again(*, status, version):
        saved = selectors.get_review_for(request.user, pk)
        return review_page(
            request, saved, recommendation_form=form, conflict=status == EDITED_MEANWHILE, status=status
        )

    def run(data, version):
        return reviews.review_recommend(reviewer=row, by=request.user, version=version, **data)

    return take_step(request, form, run, done=taken, again=again)
