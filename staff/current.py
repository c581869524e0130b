"""The service point a staff member is working at, kept in their session, and their shift
there (staff.shifts): choosing a point signs them on, signing off ends it."""

from django.dispatch import Signal

from staff.access import service_points_for
from staff.models import ServicePoint, StaffProfile
from staff.shifts import shift_end, shift_start

SESSION_KEY = "service_point_id"

# Sent with `request` and `service_point` when a person signs on to a new shift, so that the
# floors above can greet them (the live desk shows the point's handover notes).
signed_on = Signal()


def current_service_point(request) -> ServicePoint | None:
    """The chosen service point, if the user may still work there; read once per request."""
    if not hasattr(request, "_service_point"):
        point_id = request.session.get(SESSION_KEY)
        request._service_point = (
            service_points_for(request.user).filter(pk=point_id).first() if point_id else None
        )
    return request._service_point


def work_at(request, service_point: ServicePoint) -> None:
    """Sign on at the service point: a shift starts there (the one elsewhere ends)."""
    _, new = shift_start(by=request.user, service_point=service_point)
    request.session[SESSION_KEY] = service_point.pk
    request._service_point = service_point
    StaffProfile.objects.update_or_create(
        user=request.user, defaults={"last_service_point": service_point}
    )
    if new:
        signed_on.send(sender=ServicePoint, request=request, service_point=service_point)


def sign_off(request) -> ServicePoint | None:
    """Sign off: the shift ends and the session forgets the service point. Returns where the
    person was working."""
    point = current_service_point(request)
    shift_end(by=request.user)
    request.session.pop(SESSION_KEY, None)
    request._service_point = None
    return point


def last_service_point(user) -> int | None:
    """Where the user worked last time, offered first when they sign in again."""
    return StaffProfile.objects.filter(user=user).values_list("last_service_point", flat=True).first()


# An idle sign-out leaves a note in the signed-out session (whose user, which service point),
# so that the same person signing in again is back at that point, and nobody else is.
RESUME_KEY = "resume_service_point"


def remember_for_resume(request) -> tuple[int, int] | None:
    """Before an idle sign-out: who was working where, if anywhere."""
    point_id = request.session.get(SESSION_KEY)
    return (request.user.pk, point_id) if point_id else None


def leave_resume_note(request, note: tuple[int, int] | None) -> None:
    """After the sign-out, in the new session."""
    if note:
        request.session[RESUME_KEY] = list(note)


def resume_service_point(request, user) -> None:
    """At sign-in: the same person is back at the service point the idle sign-out took them
    from, if they may still work there."""
    note = request.session.pop(RESUME_KEY, None)
    if not note or note[0] != user.pk:
        return
    if service_points_for(user).filter(pk=note[1]).exists():
        request.session[SESSION_KEY] = note[1]
