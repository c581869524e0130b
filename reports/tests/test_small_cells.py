"""The small-cell rule: a breakdown that includes a patron attribute never shows a count
from 1 to below the library's threshold (LibrarySettings.report_min_cell, default 3), on the
page, in the chart or in the CSV. The interaction breakdowns (when, where, kind, channel,
effort, outcome, alternative, checklist) describe the desk's work, not a person: none
includes a patron attribute, so they are shown whole."""

import pytest

from reports.sections import SECTIONS, Section, SectionResult, build, sections_for
from reports.tables import Fewer, Table, csv_cell, draw, protect
from reports.tests.conftest import PERIOD
from staff.models import LibrarySettings


def patron_table() -> Table:
    return Table(
        slug="home-branch", title="Patrons served, by their home branch", summary="",
        columns=["Home branch", "Patrons"], rows=[["Main", 7], ["Eastside", 2], ["Westside", 1], ["North", 0], ["South", 3]],
        patron_attribute=True,
    )


def test_counts_under_the_threshold_are_hidden():
    table = protect(patron_table(), 3)
    assert [row[1] for row in table.rows] == [7, Fewer(3), Fewer(3), 0, 3]
    assert [csv_cell(row[1]) for row in table.rows] == [7, "<3", "<3", 0, 3]
    assert str(table.rows[1][1]) == "fewer than 3"
    assert table.notes == ["Counts under 3 are shown as “fewer than 3”, so no one can be picked out."]


def test_the_chart_draws_no_bar_for_a_hidden_count():
    svg = draw(protect(patron_table(), 3))
    assert svg.count("<rect") == 3  # Main, North (zero width) and South
    assert svg.count("hidden (small count)") == 2
    assert ">2<" not in svg and ">1<" not in svg


def test_a_breakdown_without_a_patron_attribute_is_shown_whole():
    table = protect(Table(slug="t", title="t", summary="", columns=["Kind", "n"], rows=[["Directional", 1]]), 3)
    assert table.rows == [["Directional", 1]]


@pytest.mark.django_db
def test_the_threshold_is_the_librarys_and_applies_to_every_section(director, monkeypatch):
    library = LibrarySettings.current()
    library.report_min_cell = 5
    library.save()
    item = Section(slug="patrons", title="Patrons", build=lambda query: SectionResult(tables=[patron_table()]),
                   shown_to=lambda viewer: True)
    from reports.filters import ReportFilterForm

    filters = ReportFilterForm({}, viewer=director).filters()
    rows = build(item, viewer=director, filters=filters).tables[0].rows
    assert [row[1] for row in rows] == [7, Fewer(5), Fewer(5), 0, Fewer(5)]


def test_the_page_shows_fewer_than_for_a_hidden_count(director_client, fortnight, monkeypatch):
    item = Section(slug="patrons", title="Patrons served", build=lambda query: SectionResult(tables=[patron_table()]),
                   shown_to=lambda viewer: True)
    monkeypatch.setitem(SECTIONS, "patrons", item)
    page = director_client.get("/reports/", PERIOD).content.decode()
    assert "fewer than 3" in page
    content = director_client.get("/reports/patrons/home-branch.csv", PERIOD).content.decode()
    assert "Eastside,<3" in content and "Westside,<3" in content and "South,3" in content


def test_no_interaction_breakdown_includes_a_patron_attribute(director_client, fortnight, director):
    response = director_client.get("/reports/", PERIOD)
    tables = [
        table for item, _, pairs in response.context["results"] if item.slug in ("interactions", "reference")
        for table, _ in pairs
    ]
    assert len(tables) == 13
    assert not any(table.patron_attribute for table in tables)
    assert {"interactions", "reference"} <= {item.slug for item in sections_for(director)}
