"""The rules of staff/access/reports.py that decide which report sections a person sees, each
on its own, for each standing persona: reports for everyone who serves patrons; desk coverage
for those who answer for the desks' rota, as the coverage board is."""

import pytest

from staff import access

PERSONAS = ["desk", "desk2", "eastdesk", "supervisor", "director", "itadmin"]
# (sees reports, sees the desk coverage report)
EXPECTED = dict(zip(PERSONAS, [(True, False), (True, False), (True, False), (True, True), (True, True), (False, False)]))


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_sees_reports_and_the_desk_coverage_report(db, request, persona):
    user = request.getfixturevalue(persona)
    assert (access.sees_reports(user), access.sees_coverage_report(user)) == EXPECTED[persona]

