"""A report's tables: each is what one chart draws, its data table one click away and its CSV.

The small-cell rule (roles.md: "no cell small enough to identify a person") is applied here,
once, to every table a section returns (reports.sections.build), so the page, the chart and
the CSV all show the same protected numbers and no section can forget it. A table whose
breakdown includes an attribute of a patron (their home branch, age group, card status...)
says so with `patron_attribute=True`; then a count from 1 to below the library's threshold
(LibrarySettings.report_min_cell) is shown as "fewer than N", never as itself. Breakdowns by
when, where, kind, channel, effort and outcome describe the desk's work, not a person, and
are shown whole."""

from dataclasses import dataclass, field

from reports import charts


@dataclass(frozen=True)
class Fewer:
    """A count hidden by the small-cell rule: 1 to threshold − 1."""

    threshold: int

    def __str__(self):
        return f"fewer than {self.threshold}"

    @property
    def csv(self) -> str:
        return f"<{self.threshold}"


@dataclass
class Table:
    """Rows of a label (first column) and numbers; `chart` says how it is drawn (bar, line,
    heatmap, or "" for a table only): a bar chart draws column `value_column`, a line chart
    one line per column of `chart_columns`, a heatmap those columns as its grid."""

    slug: str
    title: str
    summary: str
    columns: list[str]
    rows: list[list]
    chart: str = "bar"
    value_column: int = 1
    unit: str = "interactions"
    chart_columns: tuple[int, ...] = ()
    patron_attribute: bool = False
    notes: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.chart_columns = self.chart_columns or (self.value_column,)

    def values(self) -> list[float | None]:
        """The charted number of each row; a hidden count is not drawn."""
        return [row[self.value_column] if isinstance(row[self.value_column], int | float) else None for row in self.rows]

    def column(self, index: int) -> list[float | None]:
        """A column's numbers; None where there is none (nothing to measure, a hidden count):
        a line chart leaves a gap there rather than drawing a zero."""
        return [row[index] if isinstance(row[index], int | float) else None for row in self.rows]

    def labels(self) -> list[str]:
        return [str(row[0]) for row in self.rows]


def protect(table: Table, threshold: int) -> Table:
    """The small-cell rule: in a breakdown by a patron attribute, each count from 1 to
    `threshold` − 1 becomes Fewer(threshold). Zero stays: it identifies no one."""
    if not table.patron_attribute or threshold <= 1:
        return table
    table.rows = [
        [row[0], *(Fewer(threshold) if isinstance(cell, int) and 0 < cell < threshold else cell for cell in row[1:])]
        for row in table.rows
    ]
    if any(isinstance(cell, Fewer) for row in table.rows for cell in row):
        table.notes.append(f"Counts under {threshold} are shown as “fewer than {threshold}”, so no one can be picked out.")
    return table


def csv_cell(value) -> str | int | float:
    """A cell as written to CSV: a hidden count as "<N", and text a spreadsheet shows as text,
    never runs as a formula (a kind or branch name is typed by people)."""
    if isinstance(value, Fewer):
        return value.csv
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return f"'{value}"
    return value


def draw(table: Table):
    """The table's chart as SVG, or None for a table shown as a table only."""
    if table.chart == "bar":
        suffix = "%" if table.unit == "%" else ""
        return charts.bar(table.labels(), table.values(), title=table.title, summary=table.summary, suffix=suffix)
    if table.chart == "line":
        series = [(table.columns[index], table.column(index)) for index in table.chart_columns]
        top = 100 if table.unit == "%" else None
        return charts.line(table.labels(), series, title=table.title, summary=table.summary, top=top)
    if table.chart == "heatmap":
        grid = [[row[index] for index in table.chart_columns] for row in table.rows]
        hours = [table.columns[index] for index in table.chart_columns]
        return charts.heatmap(table.labels(), hours, grid, title=table.title, summary=table.summary)
    return None
