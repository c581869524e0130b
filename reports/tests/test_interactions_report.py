"""The interactions section's numbers against the hand-counted fortnight (conftest.py)."""

import csv
import datetime
import io

import pytest
from django.test import override_settings

from interactions.models import InteractionKind
from interactions.services import interaction_correct, interaction_void
from interactions.tests.factories import InteractionFactory
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


def test_a_voided_interaction_is_not_counted(director_client, fortnight, director, supervisor):
    """#2, the directional question of Monday 10:45, voided: 5 interactions, still 4 reference
    transactions; its checklist leaves the shares too."""
    follow_up = ChecklistItem.objects.get(checklist__key="interaction", principle_key="follow-up")
    tick(fortnight[0], director, {follow_up.pk})
    tick(fortnight[1], director, {follow_up.pk})
    voided = fortnight[1]
    voided.refresh_from_db()
    interaction_void(interaction=voided, by=supervisor, reason="Logged twice", version=voided.version)
    response = director_client.get("/reports/", PERIOD)
    tables = tables_of(response)
    assert tables["_figures"]["Interactions"] == "5"
    assert tables["_figures"]["Reference transactions"] == "4"
    assert tables["by-hour"].rows[0][tables["by-hour"].columns.index("10:00")] == 2
    assert tables["daily"].rows[0] == ["2026-03-02", 2]
    assert tables["by-kind"].rows == [["Reference", 4, 80.0, "yes"], ["Directional", 1, 20.0, "no"]]
    assert {row[0]: row for row in tables["checklist"].rows}[follow_up.label] == [follow_up.label, 1, 1, 100.0]
    assert tables_of(response, "reference")["by-branch"].rows[1] == ["Main", 3, 1, 4]


@pytest.mark.parametrize("start, end, expected", [
    ("2026-02-20", "2026-04-05", 4),  # February's last days and April's first day by day, March whole
    ("2026-03-01", "2026-03-31", 2),  # a whole month
    ("2026-03-02", "2026-03-30", 0),  # a month cut at both ends: its days
])
def test_a_period_counts_each_of_its_days_once(director_client, desk, reference_desk, start, end, expected):
    for month, day in [(2, 19), (2, 20), (3, 1), (3, 31), (4, 5), (4, 6)]:
        InteractionFactory(occurred_at=datetime.datetime(2026, month, day, 12, tzinfo=datetime.UTC),
                           service_point=reference_desk, staff=desk)
    tables = tables_of(director_client.get("/reports/", {"period": "custom", "start": start, "end": end}))
    assert tables["_figures"]["Interactions"] == f"{expected}"
    assert sum(row[1] for row in tables["by-kind"].rows) == sum(row[1] for row in tables["daily"].rows) == expected


def test_days_and_hours_are_the_librarys(director_client, reference_desk, desk):
    """03:30 UTC on Tuesday is 21:30 on Monday in Chicago (counted when it is logged there)."""
    with override_settings(TIME_ZONE="America/Chicago"):
        InteractionFactory(occurred_at=datetime.datetime(2026, 3, 3, 3, 30, tzinfo=datetime.UTC),
                           service_point=reference_desk, staff=desk)
        tables = tables_of(director_client.get("/reports/", PERIOD))
    assert tables["by-hour"].columns[1:-1] == ["21:00"]
    assert tables["by-hour"].rows[0] == ["Mon", 1, 1]
    assert tables["daily"].rows[0] == ["2026-03-02", 1]


def tick(interaction, by, items: set[int]) -> None:
    """The checklist of a fortnight's interaction, as its correction records it."""
    interaction_correct(interaction=interaction, by=by, version=interaction.version, checklist=items)


def test_follow_up_and_invited_to_return_rates_come_from_the_checklist(director_client, fortnight, director):
    follow_up = ChecklistItem.objects.get(checklist__key="interaction", principle_key="follow-up")
    invite = ChecklistItem.objects.get(checklist__key="interaction", principle_key="invite-to-return")
    tick(fortnight[0], director, {follow_up.pk, invite.pk})
    tick(fortnight[1], director, {follow_up.pk})
    tick(fortnight[4], director, set())
    tick(fortnight[6], director, {invite.pk})  # outside the period
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
    assert len(after) == len(before) <= 39
