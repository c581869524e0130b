"""The monthly summary for the library board (/reports/board/?month=2026-11): each section's
key figures for the month beside the previous month and the same month a year before, and
the month's first charts of each section, on pages that print one section a page.

It is built from the sections as registered (reports.sections: sections_for, build), so a
section added there appears here with nothing to add, with the small-cell rule already
applied. It is for those who answer for a branch or the library to its board: supervisors
(their branch) and the Director (every branch, or one). Desk staff's reports count their own
service points, which is no branch's account; their figures are on /reports/."""

import datetime
import re
from dataclasses import dataclass

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Field, Layout
from django import forms
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeString

from reports.filters import Filters, month_start
from reports.sections import Section, SectionResult, build, sections_for
from reports.tables import Table, draw
from servicedesk.lib.dates import FIRST_RECORD_DAY
from staff.access import report_branches

# The charts of each section shown to the board: its first ones, as the section orders them.
CHARTS_PER_SECTION = 2
MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def month_end(first: datetime.date) -> datetime.date:
    return month_start(first, -1) - datetime.timedelta(days=1)


@dataclass(frozen=True)
class Month:
    """A month of the summary: its first day, and its last one counted (today for the month
    under way)."""

    start: datetime.date
    end: datetime.date

    @property
    def whole(self) -> bool:
        return self.end == month_end(self.start)

    @property
    def name(self) -> str:
        if self.whole:
            return format_date(self.start, "F Y")
        return f"{self.start.day}–{format_date(self.end, 'j F Y')}"

    def back(self, months: int) -> "Month":
        """The month `months` before, over the same days when this one is under way (1 to 17
        November against 1 to 17 October), so that the figures compare like with like."""
        start = month_start(self.start, months)
        last = month_end(start)
        return Month(start, last if self.whole else min(last, start + datetime.timedelta(days=self.end.day - 1)))


def previous_month(today: datetime.date) -> str:
    return month_start(today, 1).strftime("%Y-%m")


class BoardForm(forms.Form):
    month = forms.CharField(label="Month", required=False, widget=forms.TextInput(attrs={"type": "month"}))
    branch = forms.ChoiceField(
        label="Branch",
        required=False,
        error_messages={"invalid_choice": "Choose one of the branches in the list: the summary counts only the branches you may see."},
    )

    def __init__(self, data, *, viewer: User, **kwargs):
        self.today = timezone.localdate()
        data = data.copy()
        # The month shown in the picker when none is asked for: the last whole month.
        data.setdefault("month", previous_month(self.today))
        super().__init__(data, **kwargs)
        self.branches = {branch.pk: branch for branch in report_branches(viewer).order_by("name")}
        layout = [Field("month", wrapper_class="col-sm-4 col-lg-3")]
        if len(self.branches) > 1:
            self.fields["branch"].choices = [("", "Every branch")] + [
                (str(pk), branch.name) for pk, branch in self.branches.items()
            ]
            layout.append(Field("branch", wrapper_class="col-sm-4 col-lg-3"))
        else:
            del self.fields["branch"]
        layout.append(HTML('<div class="col-auto mb-3"><button type="submit" class="btn btn-outline-primary">Show</button></div>'))
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_id = "board-filters"
        self.helper.form_class = "row g-2 align-items-end d-print-none"
        self.helper.layout = Layout(*layout)

    def clean_month(self) -> Month:
        typed = self.cleaned_data["month"].strip()
        shown = typed if len(typed) <= 12 else f"{typed[:12]}…"
        example = previous_month(self.today)
        match = MONTH.fullmatch(typed)
        if not match or not 1 <= int(match[2]) <= 12:
            raise forms.ValidationError(
                f"“{shown}” is not a month: give the year and the month, as in {example}."
                if typed else f"Choose a month, as in {example}."
            )
        year, number = int(match[1]), int(match[2])
        start = datetime.date(max(year, FIRST_RECORD_DAY.year - 1), number, 1)
        if not FIRST_RECORD_DAY <= start <= self.today:
            raise forms.ValidationError(
                f"Choose a month from {format_date(FIRST_RECORD_DAY, 'F Y')} to {format_date(self.today, 'F Y')}: "
                f"{shown} is {'still to come' if start > self.today else 'before the records begin'}."
            )
        return Month(start, min(month_end(start), self.today))

    def clean_branch(self):
        chosen = self.cleaned_data.get("branch")
        return self.branches.get(int(chosen)) if chosen else None

    def place(self):
        """The branch counted: the one chosen, the viewer's only one, or None for every branch."""
        if len(self.branches) == 1:
            return next(iter(self.branches.values()))
        return self.cleaned_data.get("branch")

    def months(self) -> list[Month]:
        """The month asked for, the previous month and the same month a year before."""
        month = self.cleaned_data["month"]
        return [month, month.back(1), month.back(12)]


@dataclass
class BoardSection:
    section: Section
    result: SectionResult  # the month's
    # Each key figure of the month: its label, then its value in each month (— where a
    # month has no such figure; None for a figure of today, which no month has).
    figures: list[list[str | None]]
    charts: list[tuple[Table, SafeString]]


def summary(viewer: User, months: list[Month], branch) -> list[BoardSection]:
    """Every section the viewer may see, built for each month; the month's figures and its
    first charts, with the other months' values of the same figures beside them."""
    summaries, periods = [], [(Filters(start=each.start, end=each.end, branch=branch), {}) for each in months]
    for item in sections_for(viewer):
        month, *others = [build(item, viewer=viewer, filters=filters, memo=memo) for filters, memo in periods]
        before = [{figure.label: figure.value for figure in result.figures} for result in others]
        figures = [
            [figure.label, figure.value, *(None if figure.now else values.get(figure.label, "—") for values in before)]
            for figure in month.figures
        ]
        charted = [table for table in month.tables if table.chart][:CHARTS_PER_SECTION]
        summaries.append(BoardSection(item, month, figures, [(table, draw(table)) for table in charted]))
    return summaries
