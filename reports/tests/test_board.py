"""The board's monthly summary (/reports/board/), hand-counted.

March 2026 holds the fortnight of conftest.py and its two interactions "just outside" it
(Sunday 1 March 23:59 and Monday 16 March 00:30, both reference questions at Main's
reference desk), so: every branch 8 interactions, 6 reference transactions; Main 7 and 5;
Eastside 1 and 1. Added here, the month before and a year before:

| when (UTC)        | where              | kind        |
| Mon 2 Feb 2026    | Main, reference    | Reference   |
| Tue 17 Feb 2026   | Main, circulation  | Reference   |
| Sat 28 Feb 23:30  | Eastside           | Directional |
| Tue 10 Mar 2025   | Eastside           | Reference   |
(28 February 23:30 is February's; 1 March 23:59 and 16 March 00:30 are March's.)

February 2026: every branch 3 and 2, Main 2 and 2, Eastside 1 and 0.
March 2025: every branch 1 and 1, Main 0 and 0, Eastside 1 and 1."""

import datetime

import pytest
from django.utils import timezone

from desk.tests.factories_callbacks import CallbackFactory
from interactions.models import InteractionKind
from interactions.tests.factories import InteractionFactory
from reports.board import Month
from reports.filters import month_start
from reports.sections import SECTIONS, Figure, Section, SectionResult
from reports.tables import Fewer, Table
from staff.models import AccessRecord

MARCH = {"month": "2026-03"}


def utc(year, month, day, hour=12, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=datetime.UTC)


@pytest.fixture
def months_around(fortnight, desk, eastdesk, reference_desk, circulation_desk, east_desk):
    reference = InteractionKind.objects.get(name="Reference")
    directional = InteractionKind.objects.get(name="Directional")
    rows = [
        dict(occurred_at=utc(2026, 2, 2), service_point=reference_desk, kind=reference, staff=desk),
        dict(occurred_at=utc(2026, 2, 17), service_point=circulation_desk, kind=reference, staff=desk),
        dict(occurred_at=utc(2026, 2, 28, 23, 30), service_point=east_desk, kind=directional, staff=eastdesk),
        dict(occurred_at=utc(2025, 3, 10), service_point=east_desk, kind=reference, staff=eastdesk),
    ]
    return [InteractionFactory(**row) for row in rows]


def figures(response, section: str) -> dict[str, list[str]]:
    """A section's key figures: label -> [the month, the month before, a year before]."""
    board = next(board for board in response.context["sections"] if board.section.slug == section)
    return {label: values for label, *values in board.figures}


def test_the_directors_summary_of_every_branch(director_client, months_around):
    response = director_client.get("/reports/board/", MARCH)
    assert response.status_code == 200
    interactions = figures(response, "interactions")
    assert interactions["Interactions"] == ["8", "3", "1"]
    assert interactions["Reference transactions"] == ["6", "2", "1"]
    reference = figures(response, "reference")
    assert reference["Reference transactions in the period"] == ["6", "2", "1"]
    assert reference["Not counted (directional and other)"] == ["2", "1", "0"]
    page = response.content.decode()
    assert "Board summary: March 2026" in page and "Every branch" in page
    assert "February 2026" in page and "March 2025" in page


def test_the_director_narrows_to_a_branch(director_client, months_around, east_branch):
    response = director_client.get("/reports/board/", {**MARCH, "branch": east_branch.pk})
    assert figures(response, "interactions")["Interactions"] == ["1", "1", "1"]
    assert figures(response, "interactions")["Reference transactions"] == ["1", "0", "1"]
    reference = next(board for board in response.context["sections"] if board.section.slug == "reference")
    assert [row[0] for row in reference.result.table("by-branch").rows] == ["Eastside"]


def test_a_supervisor_counts_their_branch_only(supervisor_client, months_around, east_branch):
    response = supervisor_client.get("/reports/board/", {**MARCH, "branch": east_branch.pk})
    assert response.status_code == 200
    assert figures(response, "interactions")["Interactions"] == ["7", "2", "0"]
    assert figures(response, "interactions")["Reference transactions"] == ["5", "2", "0"]
    page = response.content.decode()
    assert "Eastside" not in page
    assert 'name="branch"' not in page  # one branch: nothing to choose


def test_the_summary_shows_each_sections_first_two_charts_with_their_tables(director_client, months_around):
    response = director_client.get("/reports/board/", MARCH)
    charts = {board.section.slug: [table.slug for table, _ in board.charts] for board in response.context["sections"]}
    assert charts["interactions"] == ["by-hour", "daily"]
    assert charts["reference"] == ["by-branch"]
    assert all(len(slugs) <= 2 for slugs in charts.values())
    page = response.content.decode()
    drawn = [svg for board in response.context["sections"] for _, svg in board.charts if svg]
    assert drawn and page.count('class="report-chart"') == len(drawn)  # a table with no rows draws none
    assert "Data table: Interactions day by day" in page


def test_a_section_registered_later_appears_with_its_small_cells_hidden(director_client, months_around, monkeypatch):
    def cards(query):
        table = Table(slug="by-home-branch", title="Cards by the patron's home branch", summary="Two branches.",
                      columns=["Home branch", "Cards"], rows=[["Main", 9], ["Eastside", 2], ["Westside", 4]],
                      patron_attribute=True)
        return SectionResult(figures=[Figure("Comment cards", f"{query.filters.start:%m}")], tables=[table])

    monkeypatch.setitem(SECTIONS, "cards", Section(slug="cards", title="Comment cards", build=cards,
                                                   shown_to=lambda viewer: True))
    response = director_client.get("/reports/board/", MARCH)
    assert figures(response, "cards") == {"Comment cards": ["03", "02", "03"]}
    page = response.content.decode()
    assert "Cards by the patron&#x27;s home branch" in page
    board = next(board for board in response.context["sections"] if board.section.slug == "cards")
    assert board.charts[0][0].rows[1] == ["Eastside", Fewer(3)]
    assert "fewer than 3" in page


def test_a_figure_of_today_is_shown_once_not_beside_each_month(director_client, months_around, reference_desk):
    """The callbacks open now are the same whatever the month: the board says so once, instead
    of repeating today's count under the month before and the year before."""
    CallbackFactory(service_point=reference_desk, due_at=timezone.now() - datetime.timedelta(hours=1))
    CallbackFactory(service_point=reference_desk)
    response = director_client.get("/reports/board/", MARCH)
    callbacks = figures(response, "callbacks")
    assert callbacks["Open now"] == ["2", None, None] and callbacks["Overdue now"] == ["1", None, None]
    assert callbacks["Callbacks taken"] == ["0", "0", "0"]
    assert response.content.decode().count("As of today, whatever the month") == 2


def test_the_default_is_the_last_whole_month(director_client, months_around):
    from django.utils import timezone

    response = director_client.get("/reports/board/")
    first = month_start(timezone.localdate(), 1)
    assert response.context["months"][0].start == first
    assert response.context["months"][0].whole
    assert f'value="{first:%Y-%m}"' in response.content.decode()


@pytest.mark.parametrize(
    "typed, message",
    [
        ("2026-13", "“2026-13” is not a month: give the year and the month, as in"),
        ("March", "“March” is not a month"),
        ("", "Choose a month, as in"),
        ("2999-01", "2999-01 is still to come"),
        ("1999-12", "1999-12 is before the records begin"),
        ("0000-01", "0000-01 is before the records begin"),
    ],
)
def test_a_month_that_is_not_one_says_what_to_fix_and_shows_no_figures(director_client, months_around, typed, message):
    response = director_client.get("/reports/board/", {"month": typed})
    assert response.status_code == 422
    page = response.content.decode()
    assert message in page
    assert "Interactions at the desk" not in page and "data-print" not in page


def test_a_branch_outside_the_list_says_so(director_client, months_around):
    response = director_client.get("/reports/board/", {**MARCH, "branch": "999"})
    assert response.status_code == 422
    assert "Choose one of the branches in the list" in response.content.decode()


def test_a_month_under_way_is_set_beside_the_same_days():
    under_way = Month(datetime.date(2026, 3, 1), datetime.date(2026, 3, 17))
    assert under_way.back(1) == Month(datetime.date(2026, 2, 1), datetime.date(2026, 2, 17))
    assert under_way.back(12) == Month(datetime.date(2025, 3, 1), datetime.date(2025, 3, 17))
    assert under_way.name == "1–17 March 2026"
    assert Month(datetime.date(2026, 3, 1), datetime.date(2026, 3, 30)).back(1).end == datetime.date(2026, 2, 28)
    whole = Month(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
    assert whole.back(1) == Month(datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
    assert whole.back(12).name == "March 2025"
    assert Month(datetime.date(2026, 1, 1), datetime.date(2026, 1, 31)).back(1).name == "December 2025"


@pytest.mark.parametrize("persona", ["desk", "desk2", "eastdesk"])
def test_desk_staff_are_refused_and_offered_the_reports(persona, months_around, request):
    response = request.getfixturevalue(f"{persona}_client").get("/reports/board/", MARCH)
    assert response.status_code == 403
    page = response.content.decode()
    assert "The board summary: not part of your role" in page
    assert "is for supervisors and the Director." in page
    assert 'href="/reports/"' in page


def test_the_administrator_is_refused(itadmin_client, months_around):
    assert itadmin_client.get("/reports/board/", MARCH).status_code == 403


def test_viewing_the_summary_records_nothing(director_client, months_around):
    before = AccessRecord.objects.count()
    director_client.get("/reports/board/", MARCH)
    assert AccessRecord.objects.count() == before


def test_the_reports_page_links_the_summary_for_those_it_is_for(director_client, supervisor_client, desk_client, fortnight):
    assert 'href="/reports/board/"' in director_client.get("/reports/").content.decode()
    assert 'href="/reports/board/"' in supervisor_client.get("/reports/").content.decode()
    assert 'href="/reports/board/"' not in desk_client.get("/reports/").content.decode()


def test_the_summary_answers_in_a_constant_number_of_queries(director_client, months_around, reference_desk, desk):
    """Three months of every section, aggregated in the database: more interactions add no
    query, and the summary costs no more than three months' reports pages."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    director_client.get("/reports/board/", MARCH)
    with CaptureQueriesContext(connection) as before:
        director_client.get("/reports/board/", MARCH)
    for day in range(1, 28):
        InteractionFactory(occurred_at=utc(2026, 2, day), service_point=reference_desk, staff=desk)
    with CaptureQueriesContext(connection) as after:
        director_client.get("/reports/board/", MARCH)
    assert len(after) == len(before)
    # Three months of each section: no more than three reports pages' worth.
    with CaptureQueriesContext(connection) as one_month:
        director_client.get("/reports/", {"start": "2026-03-01", "end": "2026-03-31"})
    assert len(before) <= 3 * len(one_month), (len(before), len(one_month))


def test_a_chart_with_nothing_to_draw_is_left_out_and_its_summary_says_why(director_client, months_around):
    """No callback was taken in March: its charts' titles and summaries stand without an empty
    chart frame above them, on the board and on the reports page (whose data table then shows
    open, saying there is nothing in the period)."""
    response = director_client.get("/reports/board/", MARCH)
    board = next(board for board in response.context["sections"] if board.section.slug == "callbacks")
    assert [svg for _, svg in board.charts] == [None, None]
    page = response.content.decode()
    chart = page[page.index('id="board-callbacks-outcomes"'):]
    chart = chart[:chart.index("</figure>")]
    assert "<svg" not in chart and "No callback was taken in this period." in chart
    report = director_client.get("/reports/", {"start": "2026-03-01", "end": "2026-03-31"}).content.decode()
    table = report[report.index('id="callbacks-outcomes"'):]
    table = table[:table.index("</figure>")]
    assert "<svg" not in table and '<details class="report-data flex-grow-1" open>' in table
    assert "Nothing in this period." in table
