"""The reports page (/reports/), its CSV exports and the board's monthly summary. All start
from the same scope (reports.filters, staff.access.report_scope) and the same sections, so an
export or the board's summary never holds more than the page shows."""

import csv
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from reports.board import BoardForm, summary
from reports.filters import Filters, ReportFilterForm
from reports.replica import reporting
from reports.sections import SECTIONS, build, sections_for
from reports.tables import csv_cell, draw
from staff import roles
from staff.access import supervises_or_directs
from staff.audit import record_access
from staff.decorators import role_required
from staff.models import AccessRecord

SECTION_NAME = "Reports"


@require_GET
@role_required(*roles.SERVING, section=SECTION_NAME)
def index(request):
    """Every section the viewer may see, for the period and place in the address."""
    form = ReportFilterForm(request.GET, viewer=request.user)
    with reporting():
        filters = form.filters()
        results, memo = [], {}
        for item in sections_for(request.user):
            result = build(item, viewer=request.user, filters=filters, memo=memo)
            tables = [(table, draw(table)) for table in result.tables]
            results.append((item, result, tables))
    if form.errors:
        messages.warning(request, "Part of the filter was not used: see the message beside it. The report shows the rest.")
    context = {
        "form": form,
        "filters": filters,
        "results": results,
        "export_query": _params(filters),
        "sees_board_summary": supervises_or_directs(request.user),
    }
    return render(request, "reports/index.html", context, status=422 if form.errors else 200)


@require_GET
@role_required(roles.SUPERVISOR, roles.DIRECTOR, section="The board summary")
def board(request):
    """The month's summary for the library board (reports.board), for supervisors and the
    Director. Viewing it records nothing: the access record keeps exports, and reports name
    no one (roles.md). A month that is not one is said beside the picker, with no summary
    below it, so that no other month's figures are printed under its name."""
    form = BoardForm(request.GET, viewer=request.user)
    if not form.is_valid():
        return render(request, "reports/board.html", {"form": form}, status=422)
    months, place = form.months(), form.place()
    with reporting():
        sections = summary(request.user, months, place)
    context = {
        "form": form,
        "months": months,
        "place": place,
        "sections": sections,
        "prepared": timezone.localdate(),
        "reports_query": _params(Filters(start=months[0].start, end=months[0].end, branch=place)),
    }
    return render(request, "reports/board.html", context)


@require_GET
@role_required(*roles.SERVING, section=SECTION_NAME)
def export(request, section, table):
    """One table as CSV: counts only, no identities. The export is recorded in the access
    record ("every export", roles.md), with what was exported, never its numbers."""
    item = SECTIONS.get(section) if section in {item.slug for item in sections_for(request.user)} else None
    if item is None:
        raise Http404("No such report.")
    form = ReportFilterForm(request.GET, viewer=request.user)
    with reporting():
        filters = form.filters()
        chosen = build(item, viewer=request.user, filters=filters).table(table)
    if chosen is None:
        raise Http404("No such report.")
    where = f"service point {filters.point.pk}" if filters.point else f"branch {filters.branch.pk}" if filters.branch else "all in scope"
    record_access(
        actor=request.user,
        action=AccessRecord.Action.EXPORT_REPORT,
        branch_id=filters.point.branch_id if filters.point else filters.branch.pk if filters.branch else None,
        detail=f"{section}/{table} {filters.start:%Y-%m-%d}..{filters.end:%Y-%m-%d} {where}",
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{section}-{table}-{filters.start:%Y-%m-%d}-{filters.end:%Y-%m-%d}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(chosen.columns)
    for row in chosen.rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return response


def _params(filters) -> str:
    """The filters of the page as shown, fixed to its dates: a CSV holds what was on screen."""
    return urlencode(filters.as_params())
