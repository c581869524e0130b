from django.conf import settings
from django.utils.functional import SimpleLazyObject

from staff import roles
from staff.access import has_role, sees_branch_day, serves_patrons, supervises_or_directs
from staff.current import current_service_point
from staff.models import RoleGrant


def desk(request):
    """What the header shows: where the person is working, and whether they serve patrons."""
    return {
        "current_service_point": SimpleLazyObject(lambda: current_service_point(request)),
        "serves_patrons": SimpleLazyObject(lambda: serves_patrons(request.user)),
        "is_director": SimpleLazyObject(lambda: has_role(request.user, roles.DIRECTOR)),
        # The Director is told of every role grant waiting for confirmation (four eyes).
        "pending_role_grants": SimpleLazyObject(
            lambda: RoleGrant.objects.filter(status=RoleGrant.Status.PENDING).count()
        ),
        # Their branch's day (reports:today), where they land.
        "sees_branch_day": SimpleLazyObject(lambda: sees_branch_day(request.user)),
        # The desk coverage board.
        "sees_coverage": SimpleLazyObject(lambda: supervises_or_directs(request.user)),
        # The access record and locked sign-ins.
        "oversees": SimpleLazyObject(lambda: has_role(request.user, roles.SUPERVISOR, roles.DIRECTOR, roles.ADMINISTRATOR)),
        # When the idle warning comes (staff.middleware.SessionLimitsMiddleware).
        "idle_seconds": settings.SESSION_IDLE_MINUTES * 60,
    }
