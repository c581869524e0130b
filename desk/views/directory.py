"""The expertise directory (/directory/): find someone who can answer by subject; staff keep
their own entry, supervisors and the Director the departments and partner libraries. Who may
see and edit what is decided in staff/access/referrals.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from desk.forms.referrals import DirectorySearchForm, OwnEntryForm, PlaceForm
from desk.models import Expert
from desk.selectors import referrals as selectors
from desk.services import referrals as services
from servicedesk.lib.forms import add_errors
from staff import roles
from staff.access import branch_ids, is_director, may_add_directory_place, may_edit_directory_entry
from staff.decorators import role_required
from staff.models import Branch

SECTION = "The expertise directory"
PLACES_SECTION = "Departments and partner libraries in the directory"
KEEPING = (roles.SUPERVISOR, roles.DIRECTOR)


def _subjects_text(entry: Expert | None) -> str:
    return ", ".join(subject.name for subject in entry.subjects.all()) if entry else ""


@never_cache
@require_GET
@role_required(*roles.SERVING, section=SECTION)
def directory(request):
    """Everyone listed, or those with a subject matching the search, by kind."""
    form = DirectorySearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    entries = list(selectors.search_directory(request.user, query) if query else selectors.directory_visible_to(request.user))
    for entry in entries:
        entry.editable = entry.user_id == request.user.pk or (
            entry.kind != Expert.Kind.STAFF and may_edit_directory_entry(request.user, entry)
        )
    groups = [
        (label, [entry for entry in entries if entry.kind == kind])
        for kind, label in (
            (Expert.Kind.STAFF, "Staff"),
            (Expert.Kind.DEPARTMENT, "Departments"),
            (Expert.Kind.PARTNER, "Partner libraries"),
        )
    ]
    context = {
        "form": form,
        "query": query,
        "groups": groups,
        "found": len(entries),
        "may_add_place": may_add_directory_place(request.user),
    }
    return render(request, "desk/directory.html", context, status=200 if form.is_valid() or not form.is_bound else 422)


@never_cache
@require_http_methods(["GET", "POST"])
@role_required(*roles.SERVING, section=SECTION)
def own_entry(request):
    """The subjects the staff member can help with, and how to reach them."""
    entry = selectors.own_entry(request.user)
    if request.method == "GET":
        initial = {"subjects": _subjects_text(entry), "how_to_reach": entry.how_to_reach if entry else "",
                   "is_listed": entry.is_listed if entry else True}
        return render(request, "desk/directory_entry.html", {"form": OwnEntryForm(initial=initial), "own": True})
    form = OwnEntryForm(request.POST)
    if form.is_valid():
        try:
            services.directory_entry_save_own(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Your entry in the directory is saved.")
            return redirect("desk:directory")
    return render(request, "desk/directory_entry.html", {"form": form, "own": True}, status=422)


def _kept_branches(user):
    return Branch.objects.all() if is_director(user) else Branch.objects.filter(pk__in=branch_ids(user))


@never_cache
@require_http_methods(["GET", "POST"])
@role_required(*KEEPING, section=PLACES_SECTION)
def place_new(request):
    """A department or partner library, kept by a branch the person supervises."""
    branches = _kept_branches(request.user)
    if request.method == "GET":
        form = PlaceForm(branches=branches, initial={"kind": Expert.Kind.DEPARTMENT, "branch": branches.first()})
        return render(request, "desk/directory_entry.html", {"form": form})
    form = PlaceForm(request.POST, branches=branches)
    if form.is_valid():
        try:
            entry = services.directory_place_add(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{entry.display_name} is in the directory.")
            return redirect("desk:directory")
    return render(request, "desk/directory_entry.html", {"form": form}, status=422)


@never_cache
@require_http_methods(["GET", "POST"])
@role_required(*KEEPING, section=PLACES_SECTION)
def place_edit(request, pk):
    entry = selectors.get_place_for(request.user, pk)
    if request.method == "GET":
        initial = {"name": entry.name, "subjects": _subjects_text(entry), "how_to_reach": entry.how_to_reach,
                   "is_listed": entry.is_listed}
        form = PlaceForm(branches=Branch.objects.none(), editing=True, initial=initial)
        return render(request, "desk/directory_entry.html", {"form": form, "entry": entry})
    form = PlaceForm(request.POST, branches=Branch.objects.none(), editing=True)
    if form.is_valid():
        try:
            services.directory_place_edit(entry=entry, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{entry.display_name}: saved.")
            return redirect("desk:directory")
    return render(request, "desk/directory_entry.html", {"form": form, "entry": entry}, status=422)
