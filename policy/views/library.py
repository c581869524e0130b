"""The policy library, a policy's page and its versions, acknowledging a version, and who has
acknowledged. Every page is for the roles that serve patrons; the Administrator is refused the
section."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from policy import selectors, services
from policy.forms import SearchForm
from staff import roles
from staff.access import is_director, may_publish_policy, sees_acknowledgments, supervises_or_directs
from staff.decorators import role_required

LIBRARY = "The policy library"


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
    shown = get_object_or_404(policy.versions, number=posted_number(request.POST.get("version")))
    try:
        services.policy_acknowledge(version=shown, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("policy:version", pk=policy.pk, number=shown.number)
    messages.success(request, f"Thank you: you have confirmed you read version {shown.number} of the {policy.title}.")
    return redirect("policy:detail", pk=policy.pk)


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


def posted_number(value) -> int:
    """A version number a form posted; a missing or garbled one is 0, which no version has."""
    try:
        return int(value or "")
    except ValueError:
        return 0
