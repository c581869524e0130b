"""The feedback sections as a whole: who sees them, in which order, and how they read when
there is nothing to count."""

import pytest

from reports.tests.conftest import PERIOD

FEEDBACK = ["complaints", "reviews", "cards", "checklists"]


@pytest.mark.parametrize(
    "persona, shown",
    [("director", FEEDBACK), ("supervisor", FEEDBACK), ("desk", []), ("desk2", []), ("eastdesk", [])],
)
def test_who_sees_the_feedback_sections(persona, shown, request, db):
    response = request.getfixturevalue(f"{persona}_client").get("/reports/", PERIOD)
    assert response.status_code == 200
    assert [item.slug for item, _, _ in response.context["results"] if item.slug in FEEDBACK] == shown


def test_the_administrator_sees_no_report(itadmin_client):
    assert itadmin_client.get("/reports/complaints/times.csv", PERIOD).status_code == 403


def test_every_feedback_section_reads_well_with_nothing_to_count(director_client):
    response = director_client.get("/reports/", PERIOD)
    assert response.status_code == 200
    page = response.content.decode()
    for sentence in (
        "No complaint received in this period has been acknowledged yet.",
        "No review requests in this period.",
        "No comment cards in this period.",
        "No purchase suggestions in this period.",
        "No checklist was asked in this period.",
    ):
        assert sentence in page
    results = {item.slug: result for item, result, _ in response.context["results"]}
    assert {figure.label: figure.value for figure in results["complaints"].figures}["Median wait for the acknowledgment"] == "—"


def test_no_feedback_breakdown_includes_a_patron_attribute(director_client, east_branch):
    """Place, policy, kind, format, outcome and week describe the library's work, not a person:
    shown whole (the small-cell rule is for breakdowns by a patron's attribute)."""
    response = director_client.get("/reports/", PERIOD)
    tables = [table for item, _, pairs in response.context["results"] if item.slug in FEEDBACK for table, _ in pairs]
    assert len(tables) == 15  # with two branches, each section's by-branch table too
    assert not any(table.patron_attribute for table in tables)


def test_the_sections_come_in_the_order_the_registry_lists_them(director, monkeypatch):
    """Whichever section module was imported first (a test's, a view's), the page shows them
    in SECTION_MODULES' order."""
    from reports import sections as registry

    registry.sections_for(director)
    monkeypatch.setattr(registry, "SECTIONS", dict(reversed(registry.SECTIONS.items())))
    modules = [item.build.__module__ for item in registry.sections_for(director)]
    assert modules == [name for name in registry.SECTION_MODULES if name in modules]
    assert modules[:2] == ["reports.sections.interactions", "reports.sections.reference"]
