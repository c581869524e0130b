"""The policy library, a policy's page and its versions, acknowledging a version, publishing
a new one, who has acknowledged, and the Director's delegation of publishing. Every page is
for the roles that serve patrons; the Administrator is refused the section."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from policy import selectors, services
from policy.forms import DelegateForm, PublishForm, SearchForm
from policy.text import principles_as_text
from staff import roles
from staff.access import is_director, may_publish_policy, sees_acknowledgments, supervises_or_directs
from staff.decorators import SectionRefused, role_required

LIBRARY = "The policy library"
PUBLISHING = "Publishing a policy"


@require_GET
@role_required(*roles.SERVING, section=LIBRARY)
def library(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    entries = selectors.library(query=query)
    return render(
        request,
        "policy/library.html",
        {
            "form": form,
            "query": query,
            "entries": entries,
            "matched": sum(entry.count for entry in entries),
            "is_director": is_director(request.user),
            "sees_follow_through": supervises_or_directs(request.user),
        },
        status=422 if form.is_bound and not form.is_valid() else 200,
    )


@require_GET
@role_required(*roles.SERVING, section=LIBRARY)
def detail(request, pk):
    policy = selectors.get_policy(pk)
    return _version_page(request, policy, selectors.current_version(policy))


@require_GET
@role_required(*roles.SERVING, section=LIBRARY)
def version(request, pk, number):
    policy = selectors.get_policy(pk)
    return _version_page(request, policy, selectors.get_version(policy, number))


def _version_page(request, policy, shown):
    versions = list(policy.versions.select_related("published_by").order_by("-number"))
    current = selectors.current_version(policy)
    return render(
        request,
        "policy/detail.html",
        {
            "policy": policy,
            "version": shown,
            "current": current,
            "is_current": shown.pk == current.pk,
            "versions": versions,
            "sections": selectors.sections_of(shown),
            "acknowledged_at": selectors.acknowledged_at(request.user, current),
            "may_publish": may_publish_policy(request.user),
            "sees_acknowledgments": sees_acknowledgments(request.user),
        },
    )


@require_POST
@role_required(*roles.SERVING, section=LIBRARY)
def acknowledge(request, pk):
    """"I have read it" for the version shown on the page (its number is posted)."""
    policy = selectors.get_policy(pk)
    shown = get_object_or_404(policy.versions, number=_posted_number(request.POST.get("version")))
    try:
        services.policy_acknowledge(version=shown, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("policy:version", pk=policy.pk, number=shown.number)
    messages.success(request, f"Thank you: you have confirmed you read version {shown.number} of the {policy.title}.")
    return redirect("policy:detail", pk=policy.pk)


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
    based_on = _posted_number(request.POST.get("based_on"))
    conflict = None
    if form.is_valid():
        try:
            published = services.policy_publish(policy=policy, by=request.user, based_on=based_on, **form.cleaned_data)
        except services.PolicyEditConflict as error:
            conflict = error.latest
        except ValidationError as error:
            _errors_onto(form, error)
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


def _posted_number(value) -> int:
    try:
        return int(value or "")
    except ValueError:
        return 0


def _errors_onto(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name, errors)
    else:
        form.add_error(None, error)


def _published_message(version) -> str:
    if version.effective_on > timezone.localdate():
        return (
            f"Version {version.number} is published and takes effect on {format_date(version.effective_on, 'j F Y')}. "
            "Staff will be asked to read it from that day."
        )
    return f"Version {version.number} is published and in effect. Staff are asked to read it."


def _publish_context(policy, latest, form, *, based_on, conflict=None) -> dict:
    return {"policy": policy, "latest": latest, "form": form, "based_on": based_on, "conflict": conflict}


@require_GET
@role_required(roles.SUPERVISOR, roles.DIRECTOR, section="Who has read a policy")
def acknowledgments(request, pk):
    """Who has said they read the current version: own branch's staff for a supervisor,
    everyone for the Director."""
    policy = selectors.get_policy(pk)
    current = selectors.current_version(policy)
    rows = selectors.acknowledgment_rows(viewer=request.user, version=current)
    done = sum(1 for row in rows if row.acknowledged_at is not None)
    return render(
        request,
        "policy/acknowledgments.html",
        {"policy": policy, "version": current, "rows": rows, "done": done, "waiting": len(rows) - done},
    )


@require_http_methods(["GET", "POST"])
@role_required(roles.DIRECTOR, section="Delegating policy publishing")
def publishers(request):
    """The Director lets others publish policy versions, and withdraws it."""
    withdrawing = request.POST.get("action") == "withdraw"
    form = DelegateForm(request.POST if request.method == "POST" and not withdrawing else None)
    status = 200
    if request.method == "POST":
        if withdrawing:
            user = get_object_or_404(selectors.publishers(), pk=_posted_number(request.POST.get("user")))
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

