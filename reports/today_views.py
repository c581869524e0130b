"""The landing page of supervisors and the Director (/today/): their branch's day, or every
branch's with the escalation queue first; ?branch= opens one branch's. The counts are read in
reports/today.py, each through its record's scope."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from reports.today import branch_day, day_branches
from staff import roles
from staff.access import awaits_escalations
from staff.current import current_service_point
from staff.decorators import role_required


@never_cache
@require_GET
@role_required(roles.SUPERVISOR, roles.DIRECTOR, section="A branch's day")
def today(request):
    """One branch: its queues and its desks one by one. Several: a row each, naming the
    branch's own page; the Director's escalation queue above them."""
    every = day_branches(request.user)
    chosen = request.GET.get("branch")
    branches = every if chosen is None else [branch for branch in every if str(branch.pk) == chosen]
    if not branches and chosen is not None:
        raise Http404("No such branch.")
    day = branch_day(viewer=request.user, branches=branches)
    context = {
        "day": day,
        "one": day.branches[0] if len(day.branches) == 1 else None,
        "back_to_every_branch": chosen is not None and len(every) > 1,
        "escalations": awaits_escalations(request.user) and chosen is None,
        "service_point": current_service_point(request),
    }
    return render(request, "reports/today.html", context)
