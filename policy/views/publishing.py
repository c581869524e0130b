"""Publishing a new version of a policy, and the Director's delegation of publishing: the
Director and whoever the Director has delegated publish; anyone else is refused the section."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.views.decorators.http import require_http_methods

from policy import selectors, services
from policy.forms import DelegateForm, PublishForm
from policy.text import principles_as_text
from policy.views.library import posted_number
from servicedesk.lib.forms import add_errors
from servicedesk.lib.workflow import EditConflict
from staff import roles
from staff.access import may_publish_policy
from staff.decorators import SectionRefused, role_required

PUBLISHING = "Publishing a policy"


def publisher_required(view):
    """The Director and whoever the Director has delegated; anyone else gets the 403 page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not may_publish_policy(request.user):
            raise SectionRefused(PUBLISHING, (roles.DIRECTOR,))
        return view(request, *args, **kwargs)

    return wrapper


@require_http_methods(["GET", "POST"])
@publisher_required
def publish(request, pk):
    """A new version, edited as text from the newest one. If someone publishes meanwhile,
    the form keeps what was typed and says so (409)."""
    policy = selectors.get_policy(pk)
    latest = selectors.latest_version(policy)
    if request.method == "GET":
        form = PublishForm(initial=_initial(latest))
        return render(request, "policy/publish.html", _publish_context(policy, latest, form, based_on=latest.number))

    form = PublishForm(request.POST)
    based_on = posted_number(request.POST.get("based_on"))
    conflict = None
    if form.is_valid():
        try:
            published = services.policy_publish(policy=policy, by=request.user, based_on=based_on, **form.cleaned_data)
        except EditConflict as error:
            conflict = error.current
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _published_message(published))
            return redirect("policy:version", pk=policy.pk, number=published.number)
    context = _publish_context(policy, latest, form, based_on=latest.number if conflict else based_on, conflict=conflict)
    return render(request, "policy/publish.html", context, status=409 if conflict else 422)


def _initial(latest) -> dict:
    return {
        "body": latest.body,
        "rationale": latest.rationale,
        "closing": latest.closing,
        "principles": principles_as_text(latest.principles.order_by("position")),
        "effective_on": max(latest.effective_on, timezone.localdate()),
    }



def _published_message(version) -> str:
    if version.effective_on > timezone.localdate():
        return (
            f"Version {version.number} is published and takes effect on {format_date(version.effective_on, 'j F Y')}. "
            "Staff will be asked to read it from that day."
        )
    return f"Version {version.number} is published and in effect. Staff are asked to read it."


def _publish_context(policy, latest, form, *, based_on, conflict=None) -> dict:
    return {"policy": policy, "latest": latest, "form": form, "based_on": based_on, "conflict": conflict}


@require_http_methods(["GET", "POST"])
@role_required(roles.DIRECTOR, section="Delegating policy publishing")
def publishers(request):
    """The Director lets others publish policy versions, and withdraws it."""
    withdrawing = request.POST.get("action") == "withdraw"
    form = DelegateForm(request.POST if request.method == "POST" and not withdrawing else None)
    status = 200
    if request.method == "POST":
        if withdrawing:
            user = get_object_or_404(selectors.publishers(), pk=posted_number(request.POST.get("user")))
            services.publisher_withdraw(user=user, by=request.user)
            messages.success(request, f"{_name(user)} no longer publishes policies.")
            return redirect("policy:publishers")
        if form.is_valid():
            user = form.cleaned_data["user"]
            services.publisher_grant(user=user, by=request.user)
            messages.success(request, f"{_name(user)} may now publish new versions of policies.")
            return redirect("policy:publishers")
        status = 422
    return render(
        request,
        "policy/publishers.html",
        {"form": form, "publishers": list(selectors.publishers())},
        status=status,
    )


def _name(user) -> str:
    return user.get_full_name() or user.username

