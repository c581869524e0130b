from functools import wraps

from django.core.exceptions import PermissionDenied

from staff.access import has_role


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
