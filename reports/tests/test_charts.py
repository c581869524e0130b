"""The SVG charts keep their words on the chart: a long bar label is cut short with an
ellipsis inside the space left of the bars (its whole text in a <title>), never run off the
edge or into the bars; a line chart's legend items never run into each other."""

import xml.etree.ElementTree as ET

from reports import charts

SVG = "{http://www.w3.org/2000/svg}"
LONG = "Comment cards about the opening hours of the Westside branch on public holidays"


def texts(svg) -> list[ET.Element]:
    return list(ET.fromstring(str(svg)).iter(f"{SVG}text"))


def shown(element: ET.Element) -> str:
    """The words a text element draws (its <title> is not drawn)."""
    title = element.find(f"{SVG}title")
    return (element.text or "") + ("" if title is None else title.tail or "")


def bar_labels(svg) -> list[ET.Element]:
    return [element for element in texts(svg) if element.get("text-anchor") == "end"]


def test_a_long_bar_label_is_cut_short_with_its_whole_text_in_a_title():
    svg = charts.bar([LONG, "Books"], [12, 3], title="Cards", summary="s")
    label, short = bar_labels(svg)
    assert shown(label).endswith("…") and LONG.startswith(shown(label)[:-1])
    assert label.find(f"{SVG}title").text == LONG
    assert shown(short) == "Books" and short.find(f"{SVG}title") is None


def test_a_cut_label_fits_between_the_left_edge_and_the_bars():
    for label in (LONG, "W" * 60, "MAIN — WESTSIDE BRANCH — WORLD LANGUAGES DESK"):
        svg = charts.bar([label], [5], title="t", summary="s")
        (element,) = bar_labels(svg)
        right = float(element.get("x"))
        bar_left = float(ET.fromstring(str(svg)).find(f"{SVG}rect").get("x"))
        assert right < bar_left
        assert right - charts.text_width(shown(element)) >= 0


def test_the_measure_is_never_narrower_than_the_widest_usual_font():
    """Widths measured in Chromium with DejaVu Sans at 12 px (Debian's system-ui)."""
    measured = {
        "Main — Circulation desk": 144.6,
        "MAIN — WESTSIDE BRANCH — WORLD LANGUAGES DESK": 347.4,
        "illiterate fjord": 80.9,
        "0123456789": 76.4,
        "WWW": 35.6,
        "%@mw": 44.9,
    }
    for text, width in measured.items():
        assert charts.text_width(text) >= width, text


def test_a_hidden_count_draws_its_words_instead_of_a_bar():
    svg = charts.bar(["Main", "Eastside"], [7, "fewer than 3"], title="t", summary="s")
    assert str(svg).count("<rect") == 1
    assert "fewer than 3" in [shown(element) for element in texts(svg)]


def test_the_legend_items_of_a_line_chart_do_not_run_into_each_other():
    names = ["Reference transactions answered at the desk", "Directional questions", "Other"]
    svg = charts.line(["a", "b"], [(name, [1, 2]) for name in names], title="t", summary="s")
    legend = [element for element in texts(svg) if shown(element) in names]
    for before, after in zip(legend, legend[1:]):
        assert float(before.get("x")) + charts.text_width(shown(before)) < float(after.get("x"))
