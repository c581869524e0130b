"""The outbox page (/outbox/): every e-mail the app sends, queued, sent or failed, as the
viewer may see it (staff/access/outbox.py), and sending a failed one again."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from outbox import services as outbox_services
from outbox.models import Message
from servicedesk.lib.counts import BoundedPaginator, bounded_counts
from staff import roles
from staff.access import may_read_message_addresses, may_retry_message, messages_visible_to
from staff.decorators import role_required

OVERSEERS = (roles.SUPERVISOR, roles.DIRECTOR, roles.ADMINISTRATOR)
PER_PAGE = 50


@never_cache
@require_GET
@role_required(*OVERSEERS, section="The outbox")
def outbox(request):
    """Newest first, all or of one status; each row with the addresses only where the viewer
    may read them, and a "send again" button where they may. The outbox gains a row for every
    e-mail, so its counts stop at a bound ("1,000+"), as the queues' do."""
    visible = messages_visible_to(request.user)
    counts = bounded_counts(visible, {"": Q(), **{value: Q(status=value) for value in Message.Status.values}})
    status = request.GET.get("status", "")
    shown = visible.filter(status=status) if status in Message.Status.values else visible
    page = BoundedPaginator(shown.select_related("branch"), PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        (message, may_read_message_addresses(request.user, message), may_retry_message(request.user, message))
        for message in page
    ]
    statuses = [(value, label, counts.get(value, 0)) for value, label in Message.Status.choices]
    context = {"page": page, "rows": rows, "statuses": statuses, "status": status, "total": counts[""]}
    return render(request, "staff/outbox.html", context)


@role_required(*OVERSEERS, section="The outbox")
@require_POST
def outbox_retry(request, pk):
    message = get_object_or_404(messages_visible_to(request.user), pk=pk)
    if not may_retry_message(request.user, message):
        messages.error(request, f"“{message.subject}” is not a failed message that can be sent again: nothing changed.")
    elif outbox_services.message_retry(by=request.user, message=message):
        messages.success(request, f"“{message.subject}” is queued to be sent again.")
    else:
        messages.info(request, f"“{message.subject}” was already queued again by someone else.")
    return redirect("outbox")
