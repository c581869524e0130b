"""Each persona's report counts its own scope only (roles.md: reports for desk staff "own
service points", supervisors "own branch", the Director "all", the Administrator nothing).
A branch or service point outside the scope asked for in the address is ignored with a
message beside the filter (422), and the report still counts only the viewer's scope."""

import pytest

from reports.tests.conftest import PERIOD
from reports.tests.test_interactions_report import tables_of


def totals(response) -> tuple[str, str]:
    figures = tables_of(response)["_figures"]
    return figures["Interactions"], figures["Reference transactions"]


@pytest.mark.parametrize(
    "persona, expected",
    [("director", ("6", "4")), ("supervisor", ("5", "3")), ("desk", ("5", "3")), ("eastdesk", ("1", "1"))],
)
def test_each_persona_counts_its_own_scope(persona, expected, fortnight, request):
    client = request.getfixturevalue(f"{persona}_client")
    response = client.get("/reports/", PERIOD)
    assert response.status_code == 200
    assert totals(response) == expected


def test_the_administrator_is_refused(itadmin_client, fortnight):
    assert itadmin_client.get("/reports/", PERIOD).status_code == 403
    assert itadmin_client.get("/reports/interactions/by-kind.csv", PERIOD).status_code == 403


def test_a_supervisor_asking_for_another_branch_gets_their_own_with_a_message(supervisor_client, fortnight, east_branch):
    response = supervisor_client.get("/reports/", {**PERIOD, "branch": east_branch.pk})
    assert response.status_code == 422
    assert "Choose one of the branches in the list" in response.content.decode()
    assert totals(response) == ("5", "3")
    assert [row[0] for row in tables_of(response, "reference")["by-branch"].rows] == ["Main"]


def test_a_supervisor_asking_for_another_branchs_desk_gets_their_own(supervisor_client, fortnight, east_desk):
    response = supervisor_client.get("/reports/", {**PERIOD, "point": east_desk.pk})
    assert response.status_code == 422
    assert "Choose one of the service points in the list" in response.content.decode()
    assert totals(response) == ("5", "3")


def test_a_supervisors_csv_never_counts_another_branch(supervisor_client, fortnight, east_branch):
    response = supervisor_client.get("/reports/reference/by-branch.csv", {**PERIOD, "branch": east_branch.pk})
    assert response.status_code == 200
    assert "Eastside" not in response.content.decode()
    assert "Main,3,2,5" in response.content.decode()


def test_desk_staff_count_their_service_points_only(eastdesk_client, fortnight, reference_desk):
    response = eastdesk_client.get("/reports/", {**PERIOD, "point": reference_desk.pk})
    assert response.status_code == 422
    assert totals(response) == ("1", "1")


def test_the_director_narrows_to_a_branch_and_to_a_service_point(director_client, fortnight, east_branch, circulation_desk):
    assert totals(director_client.get("/reports/", {**PERIOD, "branch": east_branch.pk})) == ("1", "1")
    assert totals(director_client.get("/reports/", {**PERIOD, "point": circulation_desk.pk})) == ("1", "0")


def test_a_supervisor_narrows_to_a_desk_of_their_branch(supervisor_client, fortnight, circulation_desk):
    response = supervisor_client.get("/reports/", {**PERIOD, "point": circulation_desk.pk})
    assert response.status_code == 200
    assert totals(response) == ("1", "0")


def test_the_filter_lists_only_what_the_viewer_may_see(supervisor_client, director_client, fortnight):
    supervisor_page = supervisor_client.get("/reports/", PERIOD).content.decode()
    assert "Eastside" not in supervisor_page
    assert "Eastside" in director_client.get("/reports/", PERIOD).content.decode()
