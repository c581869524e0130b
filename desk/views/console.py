"""The console's live lists: one fragment, loaded with the console and refreshed every
LIVE_SECONDS by htmx (never while the person is typing: static/js/app.js), at a constant
number of queries whatever the number of records."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from desk.selectors.referrals import console_referrals
from staff import roles
from staff.decorators import at_service_point, role_required

LIVE_SECONDS = 15


@never_cache
@require_GET
@role_required(*roles.SERVING, section="The desk")
@at_service_point
def live(request, service_point):
    context = {"service_point": service_point, "live_seconds": LIVE_SECONDS, **console_referrals(request.user)}
    return render(request, "desk/_live.html", context)
