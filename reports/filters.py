"""What a report counts: a period (a preset or two dates), and optionally one branch or one
service point, inside what the viewer may see (staff.access.report_scope). The filters live
in the address (a GET form), so a report can be bookmarked; they hold ids and dates, never a
name."""

import datetime
from dataclasses import dataclass

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Field, Layout
from django import forms
from django.contrib.auth.models import User
from django.db.models import Q
from django.utils import timezone

from servicedesk.lib.dates import BoundedDateField, day_bounds
from staff.access import report_branch_scope, report_branches, report_scope, report_service_points
from staff.models import Branch, LibrarySettings, ServicePoint

CUSTOM = "custom"
DEFAULT_PERIOD = "this-year"
PERIODS = [
    ("this-week", "This week"),
    ("last-month", "Last month"),
    ("this-year", "This year"),
    ("last-year", "Last year"),
    ("fiscal-year", "This fiscal year"),
    ("last-fiscal-year", "Last fiscal year"),
    (CUSTOM, "From–to (the dates beside)"),
]
# A longer span is a typing mistake more often than a question: three years of days.
MAX_DAYS = 3 * 366


def month_start(day: datetime.date, months_back: int = 0) -> datetime.date:
    """The first day of the month `months_back` months before the month of `day` (after it,
    when negative)."""
    index = day.year * 12 + day.month - 1 - months_back
    return datetime.date(index // 12, index % 12 + 1, 1)


def fiscal_year_start(day: datetime.date, start_month: int) -> datetime.date:
    """The first day of the fiscal year that `day` falls in."""
    year = day.year if day.month >= start_month else day.year - 1
    return datetime.date(year, start_month, 1)


def preset_dates(period: str, today: datetime.date, fiscal_start_month: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day (both included) of a preset; a period still running ends today."""
    if period == "this-week":
        return today - datetime.timedelta(days=today.weekday()), today
    if period == "last-month":
        first = month_start(today, 1)
        return first, month_start(today) - datetime.timedelta(days=1)
    if period == "last-year":
        return datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31)
    if period == "fiscal-year":
        return fiscal_year_start(today, fiscal_start_month), today
    if period == "last-fiscal-year":
        this_start = fiscal_year_start(today, fiscal_start_month)
        return this_start.replace(year=this_start.year - 1), this_start - datetime.timedelta(days=1)
    return datetime.date(today.year, 1, 1), today


@dataclass(frozen=True)
class Filters:
    """A report's question, once checked: its days, and where."""

    start: datetime.date
    end: datetime.date  # included
    branch: Branch | None = None
    point: ServicePoint | None = None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """From the start of the first day to the start of the day after the last, in the
        library's time zone."""
        return day_bounds(self.start)[0], day_bounds(self.end)[1]

    def where(self) -> Q:
        """The chosen branch or service point, over any record that carries both."""
        if self.point is not None:
            return Q(service_point=self.point.pk)
        if self.branch is not None:
            return Q(branch=self.branch.pk)
        return Q()

    def where_branch(self) -> Q:
        """The chosen branch, over a record kept by branch alone: a chosen service point
        narrows it to the point's branch (a section says so beside its numbers)."""
        if self.point is not None:
            return Q(branch=self.point.branch_id)
        if self.branch is not None:
            return Q(branch=self.branch.pk)
        return Q()

    def as_params(self) -> dict:
        params = {"period": CUSTOM, "start": self.start.isoformat(), "end": self.end.isoformat()}
        if self.branch is not None:
            params["branch"] = self.branch.pk
        if self.point is not None:
            params["point"] = self.point.pk
        return params


class ReportFilterForm(forms.Form):
    period = forms.ChoiceField(
        label="Period",
        choices=PERIODS,
        required=False,
        error_messages={"invalid_choice": "Choose a period from the list."},
    )
    start = BoundedDateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = BoundedDateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    branch = forms.ChoiceField(
        label="Branch",
        required=False,
        error_messages={
            "invalid_choice": "Choose one of the branches in the list: the report counts only the branches you may see."
        },
    )
    point = forms.ChoiceField(
        label="Service point",
        required=False,
        error_messages={
            "invalid_choice": "Choose one of the service points in the list: the report counts only the ones you may see."
        },
    )

    def __init__(self, data, *, viewer: User, **kwargs):
        if not any(data.get(name) for name in ("period", "start", "end")):
            # The period counted when none is asked for, shown as chosen (not the list's first).
            data = data.copy()
            data["period"] = DEFAULT_PERIOD
        super().__init__(data, **kwargs)
        self.branches = {branch.pk: branch for branch in report_branches(viewer).order_by("name")}
        self.points = {point.pk: point for point in report_service_points(viewer).order_by("branch__name", "name")}
        several = len(self.branches) != 1
        self.fields["branch"].choices = [("", "Every branch" if several else "My branch")] + [
            (str(pk), branch.name) for pk, branch in self.branches.items()
        ]
        self.fields["point"].choices = [("", "Every service point")] + [
            (str(pk), f"{point.branch.name} — {point.name}" if several else point.name)
            for pk, point in self.points.items()
        ]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_id = "report-filters"
        self.helper.form_class = "row g-2 align-items-end d-print-none"
        self.helper.layout = Layout(
            Field("period", wrapper_class="col-sm-6 col-lg-3"),
            Field("start", wrapper_class="col-sm-3 col-lg-2"),
            Field("end", wrapper_class="col-sm-3 col-lg-2"),
            Field("branch", wrapper_class="col-sm-6 col-lg-2"),
            Field("point", wrapper_class="col-sm-6 col-lg-2"),
            HTML('<div class="col-auto mb-3"><button type="submit" class="btn btn-primary">Show</button></div>'),
        )

    def clean(self):
        data = super().clean()
        period = data.get("period") or (CUSTOM if data.get("start") or data.get("end") else DEFAULT_PERIOD)
        data["period"] = period
        if period == CUSTOM and "start" in data and "end" in data:
            start, end = data["start"], data["end"]
            if start is None or end is None:
                self.add_error("start" if start is None else "end", "Give both dates, or choose a period from the list.")
            elif start > end:
                self.add_error("end", "The last day comes on or after the first day: swap the dates.")
            elif (end - start).days >= MAX_DAYS:
                self.add_error("end", "Choose at most three years: a report of more is easier to read in parts.")
        point = self.points.get(int(data["point"])) if data.get("point") else None
        if point is not None and data.get("branch") and point.branch_id != int(data["branch"]):
            self.add_error("point", "That service point is at another branch: choose one of the branch's, or every branch.")
        return data

    def filters(self) -> Filters:
        """What to count: the valid choices, and the defaults in place of what was not (an
        invalid field is ignored, with its message beside it)."""
        self.is_valid()
        data = self.cleaned_data
        today = timezone.localdate()
        period = data.get("period") or DEFAULT_PERIOD
        if period == CUSTOM and not self.has_error("start") and not self.has_error("end") and data.get("start"):
            start, end = data["start"], data["end"]
        else:
            preset = DEFAULT_PERIOD if period == CUSTOM else period
            start, end = preset_dates(preset, today, LibrarySettings.current().fiscal_year_start_month)
        branch = self.branches.get(int(data["branch"])) if data.get("branch") and not self.has_error("branch") else None
        point = self.points.get(int(data["point"])) if data.get("point") and not self.has_error("point") else None
        if branch is None and len(self.branches) == 1:
            branch = next(iter(self.branches.values()))
        return Filters(start=start, end=end, branch=branch, point=point)


def scope_for(viewer: User, filters: Filters) -> Q:
    """The rows to count: the viewer's scope, narrowed to the chosen branch or service point."""
    return report_scope(viewer) & filters.where()


def scope_through(scope: Q, **paths: str) -> Q:
    """`scope` (report_scope, scope_for: written over a record's own `branch` and
    `service_point`) for a model that reaches one of them another way, e.g.
    scope_through(scope, branch="service_point__branch") for a service point's day of desk
    coverage, which carries no branch of its own."""
    moved = Q()
    moved.connector, moved.negated = scope.connector, scope.negated
    for child in scope.children:
        if isinstance(child, Q):
            moved.children.append(scope_through(child, **paths))
        else:
            lookup, value = child
            field, separator, rest = lookup.partition("__")
            moved.children.append((paths.get(field, field) + separator + rest, value))
    return moved


def branch_scope_for(viewer: User, filters: Filters) -> Q:
    """scope_for, over the records kept by branch alone (review requests, comment cards,
    purchase suggestions carry no service point)."""
    return report_branch_scope(viewer) & filters.where_branch()


def kept_by_branch(filters: Filters, records: str) -> list[str]:
    """The note beside records kept by branch when a service point is chosen: they count
    the point's whole branch (branch_scope_for)."""
    if filters.point is None:
        return []
    return [f"{records} are kept by branch, not service point: these count all of {filters.point.branch.name}."]
