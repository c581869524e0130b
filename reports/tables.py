"""A report's tables: each is what one chart draws, its data table one click away and its CSV.

The small-cell rule (roles.md: "no cell small enough to identify a person") is applied here,
once, to every table a section returns (reports.sections.build), so the page, the chart and
the CSV all show the same protected numbers and no section can forget it. A table whose
breakdown includes an attribute of a patron (their home branch, age group, card status...)
says so with `patron_attribute=True`; then a count from 1 to below the library's threshold
(LibrarySettings.report_min_cell) is shown as "fewer than N", never as itself, and enough
other numbers are hidden with it that it cannot be worked out from a total by subtraction.
Breakdowns by when, where, kind, channel, effort and outcome describe the desk's work, not a
person, and are shown whole."""

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


@dataclass(frozen=True)
class Hidden:
    """A number hidden so that a Fewer cannot be worked out from a total (secondary
    suppression): a count of any size, or a share or average of a row that holds a hidden
    count."""

    def __str__(self):
        return "hidden"

    csv = "hidden"


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
    # The column, if any, that holds each row's total of the count columns before it.
    total_column: int | None = None
    notes: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.chart_columns = self.chart_columns or (self.value_column,)

    def values(self) -> list[float | str]:
        """The charted number of each row; a count the small-cell rule hides is not drawn, its
        words ("fewer than 3") are written instead."""
        return [_charted(row[self.value_column]) for row in self.rows]

    def column(self, index: int) -> list[float | None]:
        """A column's numbers; None where there is none (nothing to measure, a hidden count):
        a line chart leaves a gap there rather than drawing a zero."""
        return [row[index] if isinstance(row[index], int | float) else None for row in self.rows]

    def labels(self) -> list[str]:
        return [str(row[0]) for row in self.rows]


def _charted(cell) -> float | str:
    if isinstance(cell, int | float):
        return cell
    return "—" if cell is None else str(cell)


def percent(part: int, whole: int) -> float | None:
    """A share for a table's cell, to one decimal; None (shown "—") when there is no whole."""
    return round(100 * part / whole, 1) if whole else None


def counted(n: int, noun: str, plural: str = "") -> str:
    """A count with its noun, for a summary: "1 callback", "3 callbacks"."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def protect(table: Table, threshold: int) -> Table:
    """The small-cell rule, in a breakdown by a patron attribute: each count from 1 to
    `threshold` − 1 becomes Fewer(threshold) (zero stays: it identifies no one). A reader may
    know every column's total (a section's key figure often is one) and each row's
    `total_column`, so a hidden count alone in its column or row could be worked out by
    subtraction: the smallest other count of that line is hidden too, until no line gives one
    away (secondary suppression); so is a share or average of any row that holds a hidden count."""
    if not table.patron_attribute or threshold <= 1:
        return table
    rows = table.rows
    counts = {(i, j): cell for i, row in enumerate(rows) for j, cell in enumerate(row) if j and _is_count(cell)}
    small = {cell for cell, value in counts.items() if 0 < value < threshold}
    hidden = set(small)
    lines = _lines(table, counts)
    while exposed := next((line for line in lines if _gives_away(line, hidden, small, counts, threshold)), None):
        # The smallest count left in the line, a zero last: hiding a zero hides little.
        hidden.add(min((cell for cell in exposed if cell not in hidden), key=lambda cell: (counts[cell] == 0, counts[cell])))
    touched = {i for i, _ in hidden}
    table.rows = [
        [
            Fewer(threshold) if (i, j) in small
            else Hidden() if (i, j) in hidden or (i in touched and isinstance(cell, float))
            else cell
            for j, cell in enumerate(row)
        ]
        for i, row in enumerate(rows)
    ]
    if small:
        table.notes.append(f"Counts under {threshold} are shown as “fewer than {threshold}”, so no one can be picked out.")
    if hidden - small:
        table.notes.append("Some other numbers are “hidden”, so that those counts cannot be worked out from a total.")
    return table


def _is_count(cell) -> bool:
    return isinstance(cell, int) and not isinstance(cell, bool)


def _lines(table: Table, counts: dict) -> list[list[tuple[int, int]]]:
    """The groups of count cells whose sum a reader may know: each column's; and each row's
    cells up to its total column, that total included (they sum to twice the total)."""
    columns = {j for _, j in counts}
    lines = [[cell for cell in counts if cell[1] == j] for j in sorted(columns)]
    if table.total_column is not None:
        lines += [
            [cell for cell in counts if cell[0] == i and cell[1] <= table.total_column] for i in range(len(table.rows))
        ]
    return [line for line in lines if len(line) > 1]


def _gives_away(line: list, hidden: set, small: set, counts: dict, threshold: int) -> bool:
    """Whether the line's known sum pins one of its hidden counts, while another of its cells
    could still be hidden: it hides a single cell (the others subtract from the sum); or it
    hides only small counts whose sum leaves each one value (two counts of 1 that sum to 2)."""
    inside = [cell for cell in line if cell in hidden]
    if not inside or len(inside) == len(line):
        return False
    if len(inside) == 1:
        return True
    return all(cell in small for cell in inside) and sum(counts[cell] for cell in inside) in (
        len(inside),
        len(inside) * (threshold - 1),
    )


def csv_cell(value) -> str | int | float:
    """A cell as written to CSV: a hidden count as "<N" (or "hidden"), and text a spreadsheet shows as text,
    never runs as a formula (a kind or branch name is typed by people)."""
    if isinstance(value, Fewer | Hidden):
        return value.csv
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return f"'{value}"
    return value


def draw(table: Table):
    """The table's chart as SVG, or None for a table shown as a table only, or for one with no
    rows: there is nothing to draw, and its summary says so."""
    if not table.rows:
        return None
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
