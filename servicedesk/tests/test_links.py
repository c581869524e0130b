"""servicedesk/lib/links.py: each row's link is what reverse() gives it, reversed once per list."""

from types import SimpleNamespace
from unittest import mock

from django.urls import reverse

from servicedesk.lib import links


def test_each_row_gets_the_address_reverse_gives_it_from_one_reverse():
    rows = [SimpleNamespace(pk=pk) for pk in (1, 42, 2_147_483_646)]
    with mock.patch.object(links, "reverse", wraps=reverse) as reversing:
        linked = links.with_links(iter(rows), "complaints:detail")
    assert reversing.call_count == 1
    assert [row.link for row in linked] == [reverse("complaints:detail", args=[row.pk]) for row in rows]
    assert links.with_links(rows, "patrons:detail")[1].link == "/patrons/42/"
