"""The interactions section's numbers against the hand-counted fortnight (conftest.py)."""

import csv
import datetime
import io

import pytest
from django.test import override_settings

from interactions.models import InteractionKind
from interactions.tests.factories import InteractionFactory
from policy.checklists import interaction_ticks_record
from policy.models import ChecklistItem
from reports.tests.conftest import PERIOD
from staff.models import ClosedDay


def tables_of(response, section="interactions") -> dict:
    for item, result, tables in response.context["results"]:
        if item.slug == section:
            return {table.slug: table for table, _ in tables} | {"_figures": {f.label: f.value for f in result.figures}}
    raise AssertionError(f"no section {section}")


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_every_count_of_the_director(director_client, fortnight):
    response = director_client.get("/reports/", PERIOD)
    assert response.status_code == 200
    tables = tables_of(response)
    assert tables["_figures"]["Interactions"] == "6"
    assert tables["_figures"]["Reference transactions"] == "4"
    heat = {row[0]: row for row in tables["by-hour"].rows}
    columns = tables["by-hour"].columns
    assert columns[1] == "09:00" and columns[-2] == "14:00"
    assert heat["Mon"][columns.index("10:00")] == 3
    assert heat["Tue"][columns.index("14:00")] == 2
    assert heat["Wed"][columns.index("09:00")] == 1
    assert [row[-1] for row in tables["by-hour"].rows] == [3, 2, 1, 0, 0, 0, 0]
    assert len(tables["daily"].rows) == 14
    assert tables["daily"].rows[0] == ["2026-03-02", 3] and tables["daily"].rows[8] == ["2026-03-10", 1]
    assert tables["weekly"].rows == [["2026-03-02", 4, 3], ["2026-03-09", 2, 1]]
    assert tables["by-kind"].rows == [["Reference", 4, 66.7, "yes"], ["Directional", 2, 33.3, "no"]]
    assert tables["by-channel"].rows == [["In person", 4, 66.7], ["Phone", 1, 16.7], ["E-mail", 1, 16.7]]
    assert [row[:2] for row in tables["by-effort"].rows] == [
        ["1 — quick answer, no resources", 4], ["2 — a little searching, one resource", 1],
        ["3 — several resources or some instruction", 1],
    ]
    assert [row[:2] for row in tables["by-service-point"].rows] == [
        ["Main — Reference desk", 4], ["Eastside — Eastside desk", 1], ["Main — Circulation desk", 1]
    ]
    assert [row[:2] for row in tables["by-outcome"].rows] == [
        ["Answered", 4], ["Alternative offered", 1], ["Could not help", 1]
    ]
    assert sorted(tables["unmet-demand"].rows) == [["Interlibrary loan", 1, 0, 1], ["Purchase suggestion", 0, 1, 1]]
    assert tables["_figures"]["Staff could not comply"] == "33.3%"


def test_a_de_identified_interaction_still_counts(director_client, fortnight):
    assert fortnight[3].deidentified_at is not None
    tables = tables_of(director_client.get("/reports/", PERIOD))
    assert tables["daily"].rows[8] == ["2026-03-10", 1]


def test_days_and_hours_are_the_librarys(director_client, reference_desk, desk):
    """03:30 UTC on Tuesday is 21:30 on Monday in Chicago."""
    InteractionFactory(occurred_at=datetime.datetime(2026, 3, 3, 3, 30, tzinfo=datetime.UTC),
                       service_point=reference_desk, staff=desk)
    with override_settings(TIME_ZONE="America/Chicago"):
        tables = tables_of(director_client.get("/reports/", PERIOD))
    assert tables["by-hour"].columns[1:-1] == ["21:00"]
    assert tables["by-hour"].rows[0] == ["Mon", 1, 1]
    assert tables["daily"].rows[0] == ["2026-03-02", 1]


def test_follow_up_and_invited_to_return_rates_come_from_the_checklist(director_client, fortnight, desk):
    follow_up = ChecklistItem.objects.get(checklist__key="interaction", principle_key="follow-up")
    invite = ChecklistItem.objects.get(checklist__key="interaction", principle_key="invite-to-return")
    interaction_ticks_record(interaction=fortnight[0], by=desk, ticked={follow_up.pk, invite.pk}, new=True)
    interaction_ticks_record(interaction=fortnight[1], by=desk, ticked={follow_up.pk}, new=True)
    interaction_ticks_record(interaction=fortnight[4], by=desk, ticked=set(), new=True)
    interaction_ticks_record(interaction=fortnight[6], by=desk, ticked={invite.pk}, new=True)  # outside the period
    tables = tables_of(director_client.get("/reports/", PERIOD))
    rows = {row[0]: row for row in tables["checklist"].rows}
    assert rows[follow_up.label] == [follow_up.label, 3, 2, 66.7]
    assert rows[invite.label] == [invite.label, 3, 1, 33.3]
    assert tables["_figures"]["Follow-up question asked"] == "66.7%"
    assert tables["_figures"]["Invited to return"] == "33.3%"


def test_the_reference_count_leaves_directional_questions_out(director_client, fortnight):
    tables = tables_of(director_client.get("/reports/", PERIOD), "reference")
    assert tables["by-branch"].rows == [["Eastside", 1, 0, 1], ["Main", 3, 2, 5], ["All branches", 4, 2, 6]]
    assert tables["typical-week"].rows == [["2026-03-02", 3, "yes"], ["2026-03-09", 1, "yes"]]
    # The median of 3 and 1 is 2; × 52.
    assert tables["_figures"]["Typical week"] == "2"
    assert tables["_figures"]["Annual estimate (typical week × 52)"] == "104"


def test_a_typical_week_between_two_weeks_shows_its_half(director_client, fortnight, main_branch):
    """Main's weeks had 2 and 1 reference transactions: a typical week of 1.5, not 2 (rounded)
    nor "1.5" beside "2.0" for the library."""
    tables = tables_of(director_client.get("/reports/", {**PERIOD, "branch": main_branch.pk}), "reference")
    assert tables["_figures"]["Typical week"] == "1.5"
    assert tables["_figures"]["Annual estimate (typical week × 52)"] == "78"
    assert tables["state-report"].rows[-1][4:] == [1.5, 78]


def test_a_week_with_a_closed_day_is_left_out_of_the_typical_week(director_client, fortnight):
    ClosedDay.objects.create(date=datetime.date(2026, 3, 11), name="Staff training day")
    tables = tables_of(director_client.get("/reports/", PERIOD), "reference")
    assert tables["typical-week"].rows[1] == ["2026-03-09", 1, "no: a closed day"]
    assert tables["_figures"]["Annual estimate (typical week × 52)"] == "156"


def test_the_state_report_csv(director_client, fortnight):
    response = director_client.get("/reports/reference/state-report.csv", PERIOD)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="reference-state-report-2026-03-02-2026-03-15.csv"' in response["Content-Disposition"]
    assert csv_rows(response) == [
        ["Outlet", "Period start", "Period end", "Reference transactions (annual count)",
         "Reference transactions in a typical week", "Annual estimate (typical week × 52)"],
        ["Eastside", "2026-03-02", "2026-03-15", "1", "0.5", "26"],
        ["Main", "2026-03-02", "2026-03-15", "3", "1.5", "78"],
        ["All outlets", "2026-03-02", "2026-03-15", "4", "2", "104"],
    ]


@pytest.mark.parametrize("table", ["by-hour", "daily", "weekly", "by-kind", "by-channel", "by-effort",
                                   "by-service-point", "by-outcome", "unmet-demand", "checklist"])
def test_each_interactions_table_downloads_as_csv(director_client, fortnight, table):
    response = director_client.get(f"/reports/interactions/{table}.csv", PERIOD)
    assert response.status_code == 200
    rows = csv_rows(response)
    assert len(rows) >= 1


def test_the_by_kind_csv_holds_counts_and_no_identities(director_client, fortnight):
    fortnight[0].note = "Asked about her divorce papers"
    fortnight[0].save()
    response = director_client.get("/reports/interactions/by-kind.csv", PERIOD)
    assert csv_rows(response) == [
        ["Kind", "Interactions", "Share (%)", "Counts as reference"],
        ["Reference", "4", "66.7", "yes"],
        ["Directional", "2", "33.3", "no"],
    ]
    assert "divorce" not in response.content.decode() and "desk" not in response.content.decode()


def test_the_report_page_names_no_one(director_client, fortnight):
    fortnight[0].note = "Asked about her divorce papers"
    fortnight[0].save()
    page = director_client.get("/reports/", PERIOD).content.decode()
    assert "divorce" not in page
    assert fortnight[0].staff.get_full_name() not in page


def test_the_page_answers_in_a_constant_number_of_queries(director_client, fortnight):
    """Aggregated in the database: more interactions, days, kinds or desks add no query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    director_client.get("/reports/", PERIOD)  # the session's and the caches' first reads
    with CaptureQueriesContext(connection) as before:
        director_client.get("/reports/", PERIOD)
    for day in range(2, 14):
        InteractionFactory(occurred_at=datetime.datetime(2026, 3, day, 12, tzinfo=datetime.UTC),
                           service_point=fortnight[0].service_point, staff=fortnight[0].staff,
                           kind=InteractionKind.objects.create(name=f"Kind {day}", counts_as_reference=True))
    with CaptureQueriesContext(connection) as after:
        director_client.get("/reports/", PERIOD)
    # The sections share one memo (the hours are counted once); each section's own test
    # counts its queries.
    assert len(after) == len(before) <= 37
