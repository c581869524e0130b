"""The pages of the app that keep accounts honest: the Director's confirmation of role
grants (four eyes), and the password change that ends a one-time password."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from staff import roles, services
from staff.access import may_decide_role_grant
from staff.decorators import role_required
from staff.models import RoleGrant
from staff.middleware import SessionLimitsMiddleware
from staff.one_time_password import OneTimePasswordMiddleware

SECTION = "Confirming role grants"


def pending_role_grants():
    """Every grant of Supervisor or Director that waits for a Director, oldest first."""
    return RoleGrant.objects.filter(status=RoleGrant.Status.PENDING).select_related("user", "role", "asked_by")


@require_GET
@role_required(roles.DIRECTOR, section=SECTION)
def role_grants(request):
    """The grants that wait for a Director; the viewer decides those they neither asked for
    nor would receive."""
    rows = [(grant, may_decide_role_grant(request.user, grant)) for grant in pending_role_grants()]
    return render(request, "staff/role_grants.html", {"rows": rows})


@role_required(roles.DIRECTOR, section=SECTION)
@require_POST
def role_grant_decide(request, pk):
    grant = get_object_or_404(pending_role_grants(), pk=pk)
    decision = request.POST.get("decision")
    decide = {"confirm": services.role_grant_confirm, "refuse": services.role_grant_refuse}.get(decision)
    if decide is None:
        messages.error(request, "Choose Confirm or Refuse.")
        rows = [(row, may_decide_role_grant(request.user, row)) for row in pending_role_grants()]
        return render(request, "staff/role_grants.html", {"rows": rows}, status=422)
    try:
        grant = decide(grant=grant, by=request.user)
    except PermissionDenied as refused:
        raise PermissionDenied(
            "Another Director decides this grant: not the one who asked for it, nor the one who receives it."
        ) from refused
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("role_grants")
    messages.success(request, f"{grant.role.name} for {grant.user.get_full_name() or grant.user.username}: {grant.get_status_display().lower()}.")
    return redirect("role_grants")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's page; choosing one's own password here ends a one-time password."""

    def get_context_data(self, **kwargs):
        must = bool(self.request.session.get(OneTimePasswordMiddleware.SESSION_KEY))
        return super().get_context_data(**kwargs, one_time_password=must)

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed_by_owner(account=form.user)
        OneTimePasswordMiddleware.done(self.request.session)
        return response


class SignOutView(auth_views.LogoutView):
    """Signing out, said on the sign-in page it ends at, so that the person leaving a shared
    terminal sees it done. (An idle sign-out says its own words: staff.middleware.)"""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, "You have signed out.")
        return response


@require_POST
def stay_signed_in(request):
    """The idle warning's button (templates/base.html): the person is here, the session goes
    on. Nothing else the page does by itself keeps it (staff.middleware.SessionLimitsMiddleware)."""
    SessionLimitsMiddleware.stay_signed_in(request.session)
    return HttpResponse(status=204)
