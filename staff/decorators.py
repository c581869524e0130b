from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from staff.access import has_role
from staff.current import current_service_point


class SectionRefused(PermissionDenied):
    """A whole section outside the person's roles. The 403 page (servicedesk.views.permission_denied)
    names the section, who can help, and what the person may do instead."""

    def __init__(self, section: str, allowed: tuple[str, ...]):
        super().__init__(f"{section} is for: {', '.join(allowed)}")
        self.section = section
        self.allowed = allowed


def role_required(*names: str, section: str):
    """A whole section for some roles only: anyone else gets the 403 page (roles.md), which
    names the `section` ("The retention period") and who can help."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_role(request.user, *names):
                raise SectionRefused(section, names)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def at_service_point(view):
    """The console's views work at the service point chosen in the header: without one,
    staff are sent to choose it, then back to the desk."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        service_point = current_service_point(request)
        if service_point is None:
            messages.info(request, "First choose the service point you are working at.")
            return redirect(f"{reverse('choose_service_point')}?next={reverse('interactions:desk')}")
        return view(request, service_point, *args, **kwargs)

    return wrapper
