from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from staff import roles
from staff.access import has_role, serves_patrons, service_points_for
from staff.current import current_service_point, last_service_point, work_at
from staff.decorators import role_required
from staff import services
from staff.forms import RetentionForm, ServicePointForm
from staff.models import LibrarySettings


def home(request):
    """Where signing in lands: the desk for those who serve patrons, the admin for IT."""
    if serves_patrons(request.user):
        return redirect("interactions:desk")
    if has_role(request.user, roles.ADMINISTRATOR):
        return redirect("admin:index")
    return render(request, "staff/no_role.html", status=403)


@require_http_methods(["GET", "POST"])
@role_required(*roles.SERVING)
def choose_service_point(request):
    points = service_points_for(request.user)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    if request.method == "POST":
        form = ServicePointForm(request.POST, service_points=points)
        if form.is_valid():
            point = form.cleaned_data["service_point"]
            work_at(request, point)
            messages.success(request, f"You are working at {point}.")
            return redirect(next_url or "interactions:desk")
    else:
        current = current_service_point(request) or last_service_point(request.user)
        form = ServicePointForm(service_points=points, initial={"service_point": current})
    return render(request, "staff/choose_service_point.html", {"form": form, "next": next_url})


@require_http_methods(["GET", "POST"])
@role_required(roles.DIRECTOR)
def retention(request):
    """The retention period: how long interactions keep their patron link and note."""
    library = LibrarySettings.current()
    form = RetentionForm(request.POST or None, initial={"retention_days": library.retention_days})
    if form.is_valid():
        services.retention_set(by=request.user, days=form.cleaned_data["retention_days"])
        messages.success(request, f"Retention period saved: {form.cleaned_data['retention_days']} days.")
        return redirect("retention")
    status = 422 if form.is_bound else 200
    return render(request, "staff/retention.html", {"form": form, "library": library}, status=status)
