"""Charts drawn on the server as SVG: a horizontal bar chart, a line chart and a heatmap.
No chart library and no script: the page stays within its Content-Security-Policy and prints.

Each chart names itself to assistive technology (role="img", <title> and <desc>) and never
speaks by colour alone: bars and heatmap cells carry their numbers, lines differ by dash and
marker as well as colour. The colours are Okabe and Ito's palette for colour-blind readers,
and the heatmap's ramp is one hue from light to dark, which keeps its order in grey print."""

from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 720
FONT = 'font-family="system-ui, sans-serif" font-size="12"'
# Okabe & Ito: blue, vermillion, bluish green, orange, reddish purple, sky blue, yellow.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442"]
DASHES = ["", "6 3", "2 3", "8 3 2 3"]
# A bar chart's labels take at most this much of its width; a longer label is cut short.
MAX_LABEL = 280
NARROW, WIDE = set(" !'(),-./:;I[]fijlrt|"), set("MWmw—@%")
# A single-hue ramp (ColorBrewer Blues), light to dark.
RAMP = ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"]

_ids = count(1)


def _frame(title: str, summary: str, width: int, height: int, body: list[str]) -> SafeString:
    key = f"chart-{next(_ids)}"
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{key}-title {key}-desc" {FONT}>'
        f'<title id="{key}-title">{escape(title)}</title><desc id="{key}-desc">{escape(summary)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def text_width(text: str, size: int = 12) -> float:
    """How wide `text` draws, in the chart's units, measured with character widths rounded up
    from DejaVu Sans (the widest of the fonts system-ui becomes): what fits by this measure
    fits in any of them, whatever the reader's system."""
    return size * sum(0.36 if ch in NARROW else 1.0 if ch in WIDE else 0.8 if ch.isupper() else 0.65 for ch in text)


def _clip(label: str, width: float) -> str:
    """The label cut short with an ellipsis to fit `width`."""
    if text_width(label) <= width:
        return label
    while label and text_width(label.rstrip() + "…") > width:
        label = label[:-1]
    return label.rstrip() + "…"


def _label(x: float, y: float, label: str, width: float) -> str:
    """A label right-aligned at x; one cut short keeps its whole text in a <title>, which a
    pointer shows (the data table and the chart's own title name it for everyone else)."""
    shown = _clip(label, width)
    title = f"<title>{escape(label)}</title>" if shown != label else ""
    return f'<text x="{x}" y="{y}" text-anchor="end">{title}{escape(shown)}</text>'


def bar(labels: list[str], values: list[float | str], *, title: str, summary: str, suffix: str = "") -> SafeString:
    """Horizontal bars, the labels on the left, the number at the end of each bar. A value
    that is not a number (a count the small-cell rule hides) draws no bar: its words instead."""
    row = 26
    label_width = min(MAX_LABEL, 14 + max((text_width(label) for label in labels), default=28))
    numbers = [value for value in values if isinstance(value, int | float)]
    top = max(numbers, default=0) or 1
    room = WIDTH - label_width - 80
    body = []
    for index, (label, value) in enumerate(zip(labels, values)):
        y = 8 + index * row
        body.append(_label(label_width - 8, y + 16, label, label_width - 10))
        if not isinstance(value, int | float):
            body.append(f'<text x="{label_width + 4}" y="{y + 16}" fill="#333">{escape(value)}</text>')
            continue
        length = max(room * value / top, 1 if value else 0)
        body.append(
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row - 8}" fill="{PALETTE[0]}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 16}">{_number(value)}{escape(suffix)}</text>'
        )
    height = 16 + row * max(len(labels), 1)
    return _frame(title, summary, WIDTH, height, body)


def line(
    labels: list[str], series: list[tuple[str, list[float | None]]], *, title: str, summary: str,
    top: float | None = None,
) -> SafeString:
    """One line per series over the labels (days, weeks), with a y axis from zero. Series
    differ by colour, dash and marker; a legend names them when there are several, in as many
    rows as it takes. A value of None (nothing to measure that week) leaves a gap in its line.
    `top` fixes the axis's top (100 for shares), else the largest value sets it."""
    left, right, top_margin, bottom = 56, 16, 16, 40
    legend = _legend([name for name, _ in series], left, WIDTH - right) if len(series) > 1 else []
    height = 240 + 18 * max((row for _, row, _ in legend), default=0)
    plot_w, plot_h = WIDTH - left - right, 240 - top_margin - bottom
    top = top or max((value for _, values in series for value in values if value is not None), default=0) or 1
    n = max(len(labels), 1)

    def x(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(value: float) -> float:
        return top_margin + plot_h - plot_h * value / top

    body = []
    for fraction in (0, 0.5, 1):
        value = top * fraction
        body.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="#ccc"/>'
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end">{_number(round(value))}</text>'
        )
    for i in sorted({0, n // 2, n - 1}) if labels else []:
        anchor = "start" if i == 0 else "end" if i == n - 1 else "middle"
        body.append(f'<text x="{x(i):.1f}" y="{top_margin + plot_h + 18}" text-anchor="{anchor}">{escape(labels[i])}</text>')
    for index, (name, values) in enumerate(series):
        colour, dash = PALETTE[index % len(PALETTE)], DASHES[index % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        runs = _runs(values)
        for run in runs:
            if len(run) > 1:
                points = " ".join(f"{x(i):.1f},{y(values[i]):.1f}" for i in run)
                body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>')
        # Each point is marked on a short line; on a long one, a point between two gaps only.
        marked = [i for run in runs for i in run if len(values) <= 60 or len(run) == 1]
        body += [f'<circle cx="{x(i):.1f}" cy="{y(values[i]):.1f}" r="2.5" fill="{colour}"/>' for i in marked]
        if len(series) > 1:
            lx, row, text = legend[index]
            ly = 240 - 8 + 18 * row
            body.append(
                f'<line x1="{lx:.1f}" x2="{lx + 24:.1f}" y1="{ly}" y2="{ly}" stroke="{colour}" stroke-width="2"{dash_attr}/>'
                f'<text x="{lx + 30:.1f}" y="{ly + 4}">{escape(text)}</text>'
            )
    return _frame(title, summary, WIDTH, height, body)


def _legend(names: list[str], left: float, right: float) -> list[tuple[float, int, str]]:
    """Where each series' legend item goes (x, row, its text): spaced by their widths, the
    next row when one is full; a name wider than a whole row is cut short."""
    items, x, row = [], left, 0
    for name in names:
        text = _clip(name, right - left - 30)
        width = 30 + text_width(text) + 24
        if x > left and x + width - 24 > right:
            x, row = left, row + 1
        items.append((x, row, text))
        x += width
    return items


def _runs(values: list[float | None]) -> list[list[int]]:
    """The indexes of each stretch of values without a gap."""
    runs, current = [], []
    for i, value in enumerate(values):
        if value is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(i)
    if current:
        runs.append(current)
    return runs


def heatmap(
    row_labels: list[str], column_labels: list[str], cells: list[list[float]], *, title: str, summary: str
) -> SafeString:
    """A grid, darker for more, with each cell's number written in it; the row labels get
    the room they need (a weekday, or a service point's name), up to a limit."""
    left, top_margin, gap = max(44, min(220, 16 + 7 * max((len(label) for label in row_labels), default=0))), 22, 2
    cell_w = max(24, min(52, (WIDTH - left) // max(len(column_labels), 1) - gap))
    cell_h = 26
    top = max((max(row, default=0) for row in cells), default=0) or 1
    body = []
    for j, label in enumerate(column_labels):
        body.append(
            f'<text x="{left + j * (cell_w + gap) + cell_w / 2:.1f}" y="14" text-anchor="middle">{escape(label)}</text>'
        )
    for i, (label, row) in enumerate(zip(row_labels, cells)):
        y = top_margin + i * (cell_h + gap)
        body.append(f'<text x="{left - 6}" y="{y + 17}" text-anchor="end">{escape(_clip(label, left))}</text>')
        for j, value in enumerate(row):
            shade = round((len(RAMP) - 1) * value / top)
            x = left + j * (cell_w + gap)
            ink = "#fff" if shade >= 5 else "#000"
            body.append(
                f'<rect x="{x}" y="{y}" width="{cell_w}" height="{cell_h}" fill="{RAMP[shade]}" stroke="#bbb" stroke-width="0.5"/>'
                f'<text x="{x + cell_w / 2:.1f}" y="{y + 17}" text-anchor="middle" fill="{ink}" font-size="10">{_number(value)}</text>'
            )
    width = left + len(column_labels) * (cell_w + gap)
    height = top_margin + len(row_labels) * (cell_h + gap) + 4
    # As wide as the other charts, so that its text is drawn at their size, not scaled up.
    return _frame(title, summary, max(width, WIDTH), height, body)
