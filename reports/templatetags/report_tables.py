"""A data table's rows, written in Python: a year's daily trend is 365 rows, which the
template engine took about as long to draw as the whole report took to count. The markup
and the way each cell reads are the template's own ({{ cell }}: localized and escaped)."""

from django import template
from django.conf import settings
from django.template.base import render_value_in_context
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

ROW = "\n        <tr>{}</tr>"


@register.simple_tag(takes_context=True)
def data_rows(context, table):
    """The <tbody>'s rows: the label a row header, each number right-aligned, None a dash."""
    if not table.rows:
        return format_html(ROW, format_html('<td colspan="{}">Nothing in this period.</td>', len(table.columns)))
    grouped = settings.USE_THOUSAND_SEPARATOR

    def shown(cell) -> str:
        # A whole number reads as itself unless thousands are grouped (Django's own fast path).
        return str(cell) if type(cell) is int and not grouped else render_value_in_context(cell, context)

    lines = []
    for row in table.rows:
        label, *cells = row
        parts = [f'<th scope="row" class="fw-normal">{shown(label)}</th>']
        parts += [f'<td class="text-end">{"—" if cell is None else shown(cell)}</td>' for cell in cells]
        lines.append(ROW.format("".join(parts)))
    return mark_safe("".join(lines))
