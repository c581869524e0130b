"""Each feedback section is aggregated in the database: its query count is the same with a
few records of each kind as with more records, over more service points, branches,
policies, kinds and weeks."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from feedback.tests.factories import CommentCardFactory, PurchaseSuggestionFactory
from reports.filters import ReportFilterForm, scope_for
from reports.sections import SECTIONS, ReportQuery, sections_for
from reports.tests.conftest import PERIOD
from reports.tests.feedback_records import (  # noqa: F401  (fixtures)
    at,
    cards_fortnight,
    checklists_fortnight,
    complaint,
    complaints_fortnight,
    march,
    review,
    reviews_fortnight,
    suggestions_fortnight,
    ticks,
)
from staff.tests.factories import BranchFactory, ServicePointFactory

# The most queries each section may take, whatever the number of records.
MOST = {"complaints": 8, "reviews": 4, "cards": 4, "checklists": 3}

pytestmark = pytest.mark.usefixtures(
    "complaints_fortnight", "reviews_fortnight", "cards_fortnight", "suggestions_fortnight", "checklists_fortnight"
)


def query_of(slug: str, viewer) -> ReportQuery:
    filters = ReportFilterForm(PERIOD, viewer=viewer).filters()
    sections_for(viewer)
    return ReportQuery(viewer=viewer, filters=filters, scope=scope_for(viewer, filters))


def queries_of(slug: str, viewer) -> int:
    """The section's own queries (the page's share of the settings read is not its)."""
    query = query_of(slug, viewer)
    with CaptureQueriesContext(connection) as captured:
        SECTIONS[slug].build(query)
    return len(captured)


def more_records(desk):
    """Records at a new branch and desk, with a new policy, every card kind, more weeks."""
    branch = BranchFactory(name="Northside", code="north")
    point = ServicePointFactory(branch=branch, name="North desk")
    for day, kind in zip((3, 8, 13), ("suggestion", "question", "complaint")):
        complaint(received=at(day, 11), point=point, by=desk, steps=[("acknowledge", 2), ("resolve", 30)],
                  acknowledge_by=march(day + 2), resolve_by=march(day + 10), policy_reference=f"Policy {day}")
        review(received=at(day, 11), branch=branch, by=desk, acknowledged=1, acknowledge_by=march(day + 5),
               decide_by=datetime.date(2026, 5, 1))
        CommentCardFactory(branch=branch, kind=kind, received_at=at(day, 12))
        PurchaseSuggestionFactory(branch=branch, taken_by=desk, received_at=at(day, 12))
        ticks(day=march(day), point=point, by=desk, checklist="welcome", ticked={"Tour": True}, record_id=100 + day)


@pytest.mark.parametrize("slug", sorted(MOST))
def test_a_section_takes_as_many_queries_whatever_the_records(slug, director, supervisor, desk, django_assert_max_num_queries):
    few = {viewer.username: queries_of(slug, viewer) for viewer in (director, supervisor)}
    more_records(desk)
    query = query_of(slug, director)
    with django_assert_max_num_queries(MOST[slug]):
        SECTIONS[slug].build(query)
    assert {viewer.username: queries_of(slug, viewer) for viewer in (director, supervisor)} == few
    assert max(few.values()) <= MOST[slug]
