"""The checklists: the Director edits their items; supervisors (own branch) and the Director
(every branch) see how well they are followed, by team."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from policy import checklists as services
from policy.follow_through import follow_through as report
from policy.forms import ChecklistItemsForm, FollowThroughForm
from policy.models import Checklist
from servicedesk.lib.versions import posted_version
from servicedesk.lib.workflow import EditConflict
from staff import roles
from staff.access import follow_through_branches, is_director
from staff.decorators import role_required
from staff.models import ServicePoint


@require_http_methods(["GET", "POST"])
@role_required(roles.DIRECTOR, section="Editing the checklists")
def checklists(request):
    """Each checklist with its items: label, ticked by default, position, asked or not, and
    when. One checklist is saved at a time; someone else's save meanwhile is never overwritten."""
    posted = request.POST.get("checklist") if request.method == "POST" else None
    entries, status = [], 200
    for checklist in Checklist.objects.select_related("policy").prefetch_related("items").order_by("position"):
        items = list(checklist.items.all())
        form = ChecklistItemsForm(request.POST if checklist.key == posted else None, checklist=checklist, items=items)
        version = checklist.version
        if checklist.key == posted:
            version = posted_version(request)
            if form.is_valid():
                try:
                    services.checklist_items_edit(
                        checklist=checklist, by=request.user, version=version, changes=form.changes()
                    )
                except EditConflict:
                    version = checklist.version
                    status = 409
                    messages.warning(
                        request,
                        f"Someone else saved the {checklist.title} checklist after you opened this page. Nothing of "
                        "yours was saved; what you typed is still in the form. Save again to replace their change.",
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                    status = 422
                else:
                    messages.success(request, f"The {checklist.title} checklist is saved.")
                    return redirect(f"{reverse('policy:checklists')}#checklist-{checklist.key}")
            else:
                status = 422
        entries.append({"checklist": checklist, "form": form, "version": version})
    all_items = [item for entry in entries for item in entry["form"].items]
    principles = services.principles_by_key(all_items)
    for entry in entries:
        entry["rows"] = [
            (item, fields, principles.get((entry["checklist"].policy_id, item.principle_key)))
            for item, fields in entry["form"].rows()
        ]
    return render(request, "policy/checklists.html", {"entries": entries}, status=status)


@require_GET
@role_required(roles.SUPERVISOR, roles.DIRECTOR, section="Checklist follow-through")
def follow_through(request):
    """Of the interactions (and the other checklists' records) where an item was asked, the
    share where it was ticked, week by week, per branch and service point."""
    branches = list(follow_through_branches(request.user).order_by("name"))
    points = list(ServicePoint.objects.filter(branch__in=branches).order_by("name"))
    form = FollowThroughForm(
        request.GET or None, branches=branches, points=points, everyone=is_director(request.user)
    )
    branch, point = form.selection()
    result = report(branches=branches, points=points, weeks=form.week_count(), branch=branch, service_point=point)
    return render(
        request,
        "policy/follow_through.html",
        {"form": form, "report": result, "branch": branch, "point": point},
        status=422 if form.is_bound and not form.is_valid() else 200,
    )
