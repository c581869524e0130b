"""The console's live lists: one fragment, loaded with the console and refreshed every
LIVE_SECONDS by htmx (never while the person is typing: static/js/app.js), at a constant
number of queries whatever the number of records. The live desk's actions answer htmx with
the same fragment (render_live), so a step shows at once what the list is now."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from desk.forms.waiting import WaitingPatronForm
from desk.selectors.callbacks import console_callbacks
from desk.selectors.coverage import handover_notes_open
from desk.selectors.referrals import console_referrals
from desk.selectors.waiting import waiting_at
from staff import roles
from staff.decorators import at_service_point, role_required

LIVE_SECONDS = 15


def render_live(request, service_point, **extra):
    """The fragment; `extra` is what an action adds (a notice, a form with what was typed, the
    id of the element that takes the focus next)."""
    context = {
        "service_point": service_point,
        "live_seconds": LIVE_SECONDS,
        "now": timezone.now(),
        "handover_notes": handover_notes_open(viewer=request.user, service_point=service_point),
        "waiting": waiting_at(viewer=request.user, service_point=service_point),
        "waiting_form": WaitingPatronForm(),
        **console_callbacks(viewer=request.user, service_point=service_point),
        **console_referrals(request.user),
        **extra,
    }
    return render(request, "desk/_live.html", context)


@never_cache
@require_GET
@role_required(*roles.SERVING, section="The desk")
@at_service_point
def live(request, service_point):
    return render_live(request, service_point)
