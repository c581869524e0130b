"""Who is waiting: the console's list, and one waiting patron for an action on it."""

from django.contrib.auth.models import User

from desk.models import WaitingPatron
from staff.access import may_keep_waiting_list, waiting_scope
from staff.confidential import get_visible_or_404
from staff.models import ServicePoint

# The console lists this many at most, those who have waited longest.
SHOWN = 50


def waiting_at(*, viewer: User, service_point: ServicePoint) -> list[WaitingPatron]:
    """Who is still waiting at the service point, oldest first, with who acknowledged them: one
    query whatever the length of the list ("Patrons who are present in the building take
    precedence over telephone inquiries": the console shows them first)."""
    return list(
        WaitingPatron.objects.filter(waiting_scope(viewer), service_point=service_point, status=WaitingPatron.Status.WAITING)
        .select_related("acknowledged_by")
        .order_by("added_at", "pk")[:SHOWN]
    )


def get_waiting_for(viewer: User, pk: int) -> WaitingPatron:
    """A waiting patron the viewer may act on, or 404 (as one that does not exist)."""
    visible = WaitingPatron.objects.filter(waiting_scope(viewer))
    return get_visible_or_404(viewer, visible, pk, may=may_keep_waiting_list, message="Nobody like that is on the list.")
