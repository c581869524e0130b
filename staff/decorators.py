from functools import wraps

from django.core.exceptions import PermissionDenied

from staff.access import has_role


def role_required(*names: str):
    """A whole section for some roles only: anyone else gets the 403 page (roles.md)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_role(request.user, *names):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
