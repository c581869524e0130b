"""The service point a staff member is working at, kept in their session."""

from staff.access import service_points_for
from staff.models import ServicePoint, StaffProfile

SESSION_KEY = "service_point_id"


def current_service_point(request) -> ServicePoint | None:
    """The chosen service point, if the user may still work there; read once per request."""
    if not hasattr(request, "_service_point"):
        point_id = request.session.get(SESSION_KEY)
        request._service_point = (
            service_points_for(request.user).filter(pk=point_id).first() if point_id else None
        )
    return request._service_point


def work_at(request, service_point: ServicePoint) -> None:
    request.session[SESSION_KEY] = service_point.pk
    request._service_point = service_point
    StaffProfile.objects.update_or_create(
        user=request.user, defaults={"last_service_point": service_point}
    )


def last_service_point(user) -> int | None:
    """Where the user worked last time, offered first when they sign in again."""
    return StaffProfile.objects.filter(user=user).values_list("last_service_point", flat=True).first()
