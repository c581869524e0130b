import csv
from itertools import batched

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from servicedesk.lib.dates import day_bounds
from staff import roles, services
from staff.access import (
    access_record_filters_for,
    access_records_visible_to,
    has_role,
    lockouts_visible_to,
    sees_branch_day,
    serves_patrons,
)
from staff.audit import record_access
from staff.decorators import role_required
from staff.forms import AccessRecordFilterForm, RetentionForm
from staff.models import AccessRecord, LibrarySettings
from staff.record_names import name_entries


@require_GET
def home(request):
    """Where signing in lands: supervisors and the Director on their branch's day (the
    reports app's, named here by its URL only: staff sits below reports), desk staff on the
    desk, IT on the admin."""
    if sees_branch_day(request.user):
        return redirect("reports:today")
    if serves_patrons(request.user):
        return redirect("interactions:desk")
    if has_role(request.user, roles.ADMINISTRATOR):
        return redirect("admin:index")
    return render(request, "staff/no_role.html", status=403)


@require_http_methods(["GET", "POST"])
@role_required(roles.DIRECTOR, section="The retention period")
def retention(request):
    """The retention period: how long interactions keep their patron link and note."""
    library = LibrarySettings.current()
    form = RetentionForm(request.POST or None, initial={"retention_days": library.retention_days})
    if form.is_valid():
        services.retention_set(by=request.user, days=form.cleaned_data["retention_days"])
        messages.success(request, f"Retention period saved: {form.cleaned_data['retention_days']} days.")
        return redirect("retention")
    status = 422 if form.is_bound else 200
    return render(request, "staff/retention.html", {"form": form, "library": library}, status=status)


@require_GET
@role_required(roles.SUPERVISOR, roles.DIRECTOR, roles.ADMINISTRATOR, section="Locked sign-ins")
def locked_accounts(request):
    """Who cannot sign in at a terminal just now, for those who may let them in again."""
    lockouts = list(lockouts_visible_to(request.user))
    accounts = get_user_model().objects.in_bulk({lockout.username for lockout in lockouts}, field_name="username")
    rows = [(lockout, accounts.get(lockout.username)) for lockout in lockouts]
    return render(request, "staff/locked_accounts.html", {"rows": rows})


@role_required(roles.SUPERVISOR, roles.DIRECTOR, roles.ADMINISTRATOR, section="Locked sign-ins")
@require_POST
def unlock_account(request, pk):
    lockout = get_object_or_404(lockouts_visible_to(request.user), pk=pk)
    services.account_unlock(by=request.user, lockout=lockout)
    messages.success(request, f"{lockout.username} can sign in again at {lockout.ip_address}.")
    return redirect("locked_accounts")


ACCESS_RECORD_PER_PAGE = 50
# An export larger than this is refused: the filter should be narrower.
EXPORT_MAX_ROWS = 100_000
# Entries read, and their records named, at a time while an export streams.
EXPORT_BATCH = 2000


@never_cache
@require_GET
@role_required(roles.SUPERVISOR, roles.DIRECTOR, roles.ADMINISTRATOR, section="The access record")
def access_record(request):
    """Who read what: the entries of the access record the viewer may see, newest first."""
    form, entries = _access_record_entries(request)
    page = Paginator(entries, ACCESS_RECORD_PER_PAGE).get_page(request.GET.get("page"))
    name_entries(request.user, page.object_list)
    status = 200 if form.is_valid() else 422
    return render(request, "staff/access_record.html", {"form": form, "page": page}, status=status)


@never_cache
@require_GET
@role_required(roles.SUPERVISOR, roles.DIRECTOR, roles.ADMINISTRATOR, section="The access record")
def access_record_export(request):
    """The filtered page as CSV, every matching entry. The export itself goes into the
    access record ("every export", roles.md)."""
    form, entries = _access_record_entries(request)
    back = f"{reverse('access_record')}?{request.GET.urlencode()}"
    if not form.is_valid():
        messages.error(request, "Nothing exported: correct the filter first.")
        return redirect(back)
    if entries.count() > EXPORT_MAX_ROWS:
        messages.error(
            request,
            f"Nothing exported: more than {EXPORT_MAX_ROWS:,} entries match. "
            "Narrow the filter (a shorter period, one action or one person) and export again.",
        )
        return redirect(back)
    record_access(actor=request.user, action=AccessRecord.Action.EXPORT)
    writer = csv.writer(_Echo())
    rows = (
        writer.writerow([_csv_cell(value) for value in row])
        for row in _access_record_rows(entries, viewer=request.user)
    )
    filename = f"access-record-{timezone.localdate():%Y-%m-%d}.csv"
    return StreamingHttpResponse(
        rows,
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _access_record_entries(request):
    """The filter form and the entries it selects, starting from what the viewer may see
    (staff.access); none while the filter is invalid."""
    entries = access_records_visible_to(request.user)
    actions, record_types = access_record_filters_for(request.user)
    form = AccessRecordFilterForm(request.GET, actions=actions, record_types=record_types)
    if not form.is_valid():
        return form, entries.none()
    data = form.cleaned_data
    if data["action"]:
        entries = entries.filter(action=data["action"])
    if data["record_type"]:
        entries = entries.filter(record_type=data["record_type"])
    if data["record_id"] is not None:
        entries = entries.filter(record_id=data["record_id"])
    if data["who"]:
        entries = entries.filter(actor_username__icontains=data["who"])
    if data["date_from"]:
        entries = entries.filter(at__gte=day_bounds(data["date_from"])[0])
    if data["date_to"]:
        entries = entries.filter(at__lt=day_bounds(data["date_to"])[1])
    return form, entries.select_related("branch", "actor")


def _access_record_rows(entries, *, viewer):
    """What the page shows, never more: the access record holds no content. Records are named
    as on the page, a batch of entries at a time."""
    yield ["At", "Who", "Action", "Record", "Record type", "Record id", "Branch", "Page", "Detail"]
    for batch in batched(entries.iterator(chunk_size=EXPORT_BATCH), EXPORT_BATCH):
        name_entries(viewer, batch)
        for entry in batch:
            yield [
                timezone.localtime(entry.at).isoformat(timespec="seconds"),
                entry.actor_username,
                entry.get_action_display(),
                entry.record_name.text if entry.record_id is not None else "",
                entry.record_type,
                "" if entry.record_id is None else entry.record_id,
                entry.branch.name if entry.branch else "",
                entry.page,
                entry.detail,
            ]


class _Echo:
    """csv.writer writes each row here, and the row comes back to be streamed."""

    def write(self, value):
        return value


def _csv_cell(value):
    """A cell a spreadsheet shows as text, never runs as a formula: a failed sign-in keeps
    the username as typed, by anyone."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return f"'{value}"
    return value
