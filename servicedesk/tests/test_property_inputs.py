"""No input answers 500: generated values (huge, unicode, NUL and HTML text, numbers, dates far
away, malformed ids) sent to every filter and form field of every page, as every persona.

The pages are the URL matrix's (test_url_matrix.EXPECTED, with its records and signed-in
clients); their forms are found by reading each page's HTML as the persona sees it, so a
new form or field is covered the day it appears. Each example sends one request to every
form and filter the persona is offered, starting from the values the page filled in and
replacing some of them, so validation is reached past the first required field.
"""

import datetime
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from servicedesk.tests.test_url_matrix import client_as, records  # noqa: F401 (fixtures)
from servicedesk.tests.url_matrix import EXPECTED, PERSONAS, POST_ONLY

# Forms whose sending ends the session the next requests need.
SKIPPED_ACTIONS = {reverse("logout")}
# Query parameters the views read without a form (pagination, a letter's template, ...).
LOOSE_PARAMETERS = ["page", "template", "interaction", "branch", "next"]

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "0",
    "-1",
    "1.5",
    "1e309",
    "NaN",
    "9" * 40,
    str(2**63),
    str(-(2**63) - 1),
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "=HYPERLINK(\"http://x\")",
    "' OR 1=1 --",
    "../../etc/passwd",
    "\u202egnp.exe",
    "😀" * 50,
    "x" * 100_000,
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "-2026-01-01",
    "10000-01-01",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "2026-13-01T25:61",
]

VALUES = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=300),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.dates().map(datetime.date.isoformat),
    st.datetimes().map(lambda moment: moment.strftime("%Y-%m-%dT%H:%M")),
)

# A date box always gets a new value, half the time a day at or past the edges of what a
# date can be, as its browser would send it.
FAR_DAYS = {
    "date": st.sampled_from(["9999-12-31", "0001-01-01", "1899-12-31"]),
    "datetime-local": st.sampled_from(["9999-12-31T23:59", "0001-01-01T00:00", "1899-12-31T12:00"]),
}


@dataclass
class Form:
    method: str
    action: str
    defaults: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)
    dates: dict = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return sorted(set(self.defaults) | set(self.options))


class FormParser(HTMLParser):
    """The forms of a page: where each is sent, and each field with the value the page gave it
    (and, for a choice, the values offered)."""

    def __init__(self, page_url: str):
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.form = Form(method=attrs.get("method", "get").lower(), action=attrs.get("action") or self.page_url)
            self.forms.append(self.form)
        name = attrs.get("name")
        if self.form is None or not name:
            if tag == "option" and self.select:
                self._option(attrs)
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                self.form.options.setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs:
                    self.form.defaults[name] = attrs.get("value", "on")
            elif kind not in ("submit", "button", "reset", "file", "image"):
                self.form.defaults[name] = attrs.get("value", "")
                if kind in FAR_DAYS:
                    self.form.dates[name] = kind
        elif tag == "select":
            self.select = name
            self.form.options.setdefault(name, [])
        elif tag == "textarea":
            self.textarea = name
            self.form.defaults[name] = ""
        elif tag == "button" and attrs.get("value"):
            self.form.options.setdefault(name, []).append(attrs["value"])

    def _option(self, attrs):
        value = attrs.get("value", "")
        self.form.options[self.select].append(value)
        if "selected" in attrs or self.select not in self.form.defaults:
            self.form.defaults[self.select] = value

    def handle_data(self, data):
        if self.textarea and self.form is not None:
            self.form.defaults[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def page_urls(records_by_name) -> list[str]:
    urls = []
    for name, (record, _) in sorted(EXPECTED.items()):
        value = records_by_name[record] if record else None
        args = list(value) if isinstance(value, tuple) else [value.pk] if value else []
        urls.append(reverse(name, args=args))
    return urls


def surface(client, urls) -> list[Form]:
    """Every form the persona is offered on every page it may open; a page's own filter (a
    form sent by GET to the page) also carries the loose parameters."""
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code != 500, f"GET {url}"
        if response.status_code != 200:
            continue
        page = found.setdefault(("get", url, ()), Form("get", url, options={name: [] for name in LOOSE_PARAMETERS}))
        if "html" not in response.get("Content-Type", ""):
            continue
        parser = FormParser(url)
        parser.feed(response.content.decode())
        for form in parser.forms:
            action = urlsplit(form.action).path or url
            if action in SKIPPED_ACTIONS or action.startswith("/admin/"):
                continue
            if (form.method, action) == ("get", url):
                page.defaults.update(form.defaults)
                page.options.update(form.options)
                page.dates.update(form.dates)
                continue
            form.action = action
            found.setdefault((form.method, action, tuple(form.names)), form)
    return list(found.values())


def filled(form: Form, draw) -> dict:
    """The page's own values, with some replaced by generated ones and some left out."""
    data = dict(form.defaults)
    names = form.names
    if not names:
        return data
    for name, kind in form.dates.items():
        data[name] = draw(FAR_DAYS[kind] | VALUES)
    for name in draw(st.lists(st.sampled_from(names), max_size=len(names), unique=True)):
        choices = form.options.get(name)
        data[name] = draw(st.sampled_from(choices) | VALUES if choices else VALUES)
    for name in draw(st.lists(st.sampled_from(names), max_size=2, unique=True)):
        data.pop(name, None)
    return data


def answered(client, method: str, url: str, values: dict, *, headers: dict, persona: str) -> None:
    """Send it; an uncaught exception or a 500 fails the test naming the request."""
    request = f"{method.upper()} {url} as {persona} with {({name: value[:80] for name, value in values.items()})!r}"
    try:
        response = getattr(client, method)(url, values, headers=headers)
    except Exception as error:
        raise AssertionError(f"{request} raised {error!r}") from error
    assert response.status_code < 500, request


# For CI: no deadline per example (a page takes what it takes), nothing stored between runs,
# and no shrinking: the failing request is named in full by the assertion, and shrinking a
# sequence of requests would take minutes. The fixtures are made once per test and shared
# by its examples on purpose (the pages and forms are found once).
BOUNDED = {
    "deadline": None,
    "database": None,
    "phases": (Phase.explicit, Phase.generate),
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
}

# An id in an address names no record: zero, past what the database's integers hold, or any.
MALFORMED_IDS = st.one_of(st.sampled_from([0, 2**31, 2**63 - 1, 2**63, 2**64, 10**30]), st.integers(min_value=0))


@pytest.fixture
def offered(client_as, records):  # noqa: F811 (the matrix's fixtures, imported above)
    """Each persona's signed-in client and the forms it is offered, found once per test."""
    urls = page_urls(records)
    found = {}

    def of(persona):
        if persona not in found:
            client = client_as(persona)
            found[persona] = (client, surface(client, urls))
        return found[persona]

    return of


@pytest.mark.parametrize("persona", PERSONAS)
@settings(max_examples=2, **BOUNDED)
@given(data=st.data())
def test_no_generated_value_in_any_form_or_filter_answers_500(persona, offered, data):
    client, forms = offered(persona)
    htmx = data.draw(st.booleans(), label="htmx")
    headers = {"HX-Request": "true"} if htmx else {}
    for form in forms:
        values = filled(form, data.draw)
        answered(client, form.method, form.action, values, headers=headers, persona=persona)


# Records an address names by words, not by an id: a report's table ("interactions/by-kind").
NAMED_BY_SLUGS = ("report_table",)


@pytest.mark.parametrize("persona", PERSONAS)
@settings(max_examples=3, **BOUNDED)
@given(data=st.data())
def test_no_id_in_an_address_answers_500(persona, client_as, data):  # noqa: F811
    client = client_as(persona)
    for name, (record, expected) in sorted(EXPECTED.items()):
        if record in (None, *NAMED_BY_SLUGS):
            continue
        args = [data.draw(MALFORMED_IDS) for _ in range(2 if record == "policy_version" else 1)]
        url = reverse(name, args=args)
        answered(client, "post" if expected is POST_ONLY else "get", url, {}, headers={}, persona=persona)
