"""A data table's rows are written in Python (reports/templatetags/report_tables.py) for
speed; the page reads exactly as the template wrote them: every kind of cell, escaped."""

import re

import pytest

from django.template import Context, Template
from django.template.loader import render_to_string

from reports.tables import Fewer, Hidden, Table

# The rows as the template wrote them before.
TEMPLATE_ROWS = Template(
    "{% for row in table.rows %}<tr>{% for cell in row %}{% if forloop.first %}"
    '<th scope="row" class="fw-normal">{{ cell }}</th>{% else %}<td class="text-end">'
    "{% if cell is None %}—{% else %}{{ cell }}{% endif %}</td>{% endif %}{% endfor %}</tr>"
    '{% empty %}<tr><td colspan="{{ table.columns|length }}">Nothing in this period.</td></tr>{% endfor %}'
)


def tbody(html: str) -> str:
    inside = re.search(r"<tbody>(.*)</tbody>", html, re.S).group(1)
    return re.sub(r">\s+<", "><", inside.strip())


@pytest.mark.parametrize("grouped", [False, True])
def test_every_kind_of_cell_reads_as_the_template_wrote_it(settings, grouped):
    settings.USE_THOUSAND_SEPARATOR = grouped
    table = Table(
        slug="t", title="T", summary="", columns=["Label", "Count", "Share", "Median", "Small", "Other"],
        rows=[
            ["Main — <Reference> & “desk”", 1234567, 12.5, None, Fewer(3), Hidden()],
            [2026, 0, 0.1 + 0.2, 1e-7, True, -3],
        ],
    )
    page = render_to_string("reports/_data_table.html", {"table": table})
    assert tbody(page) == TEMPLATE_ROWS.render(Context({"table": table}))
    assert "&lt;Reference&gt; &amp;" in page and "fewer than 3" in page


def test_an_empty_table_says_so():
    table = Table(slug="t", title="T", summary="", columns=["Label", "Count"], rows=[])
    page = render_to_string("reports/_data_table.html", {"table": table})
    assert tbody(page) == TEMPLATE_ROWS.render(Context({"table": table})) == (
        '<tr><td colspan="2">Nothing in this period.</td></tr>'
    )
