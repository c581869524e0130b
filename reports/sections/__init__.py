"""The report's sections, one module per kind of record, each registered here with
`@section(...)`. A new record type (callbacks, referrals, desk coverage...) is one more
module: a function that takes a ReportQuery and returns its key figures and Tables, and a
line in SECTION_MODULES. The page, the charts, the data tables, the CSV exports (and their
access-record entries) and the small-cell rule come with it."""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from django.contrib.auth.models import User
from django.db.models import Q

from reports.filters import Filters, scope_for
from reports.tables import Table, protect
from staff.access import sees_reports
from staff.models import LibrarySettings


@dataclass(frozen=True)
class ReportQuery:
    """Who asks, and what: the rows a section may count are `scope` (the viewer's, narrowed
    by the filters) inside `filters.start`..`filters.end`."""

    viewer: User
    filters: Filters
    scope: Q
    # What one section counted that another uses too (reports.counts), for this request.
    memo: dict = field(default_factory=dict, compare=False)


@dataclass
class Figure:
    label: str
    value: str
    # True for what stands today whatever the period (the callbacks open now): the board
    # shows it once, not beside each month.
    now: bool = False


@dataclass
class SectionResult:
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    intro: str = ""
    method: str = ""

    def table(self, slug: str) -> Table | None:
        return next((table for table in self.tables if table.slug == slug), None)


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    build: Callable[[ReportQuery], SectionResult]
    shown_to: Callable[[User], bool]


SECTIONS: dict[str, Section] = {}
# The modules that register sections, in the order the page shows them.
SECTION_MODULES = [
    "reports.sections.interactions",
    "reports.sections.reference",
    "reports.sections.waiting",
    "reports.sections.callbacks",
    "reports.sections.referrals",
    "reports.sections.coverage",
    "reports.sections.complaints",
    "reports.sections.reviews",
    "reports.sections.cards",
    "reports.sections.checklists",
]


def section(slug: str, title: str, *, shown_to: Callable[[User], bool] = sees_reports):
    """Register a section builder under `slug` (its CSV addresses use it)."""

    def register(build):
        SECTIONS[slug] = Section(slug=slug, title=title, build=build, shown_to=shown_to)
        return build

    return register


def _load() -> None:
    for name in SECTION_MODULES:
        import_module(name)


def sections_for(viewer: User) -> list[Section]:
    _load()
    shown = [item for item in SECTIONS.values() if item.shown_to(viewer)]
    # In SECTION_MODULES' order, whichever module a test or a view happened to import first;
    # a section registered from elsewhere (a test's) comes last.
    order = {name: index for index, name in enumerate(SECTION_MODULES)}
    return sorted(shown, key=lambda item: order.get(item.build.__module__, len(order)))


def build(item: Section, *, viewer: User, filters: Filters, memo: dict | None = None) -> SectionResult:
    """A section's figures and tables for this viewer and filters, with the small-cell rule
    applied to every table. The sections of one page pass the same `memo`, so that what one
    counted another does not count again."""
    query = ReportQuery(viewer=viewer, filters=filters, scope=scope_for(viewer, filters), memo={} if memo is None else memo)
    result = item.build(query)
    threshold = LibrarySettings.current().report_min_cell
    result.tables = [protect(table, threshold) for table in result.tables]
    return result
