import csv
import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from patrons.tests.factories import PatronFactory
from staff.models import AccessRecord
from staff.tests.factories import AccessRecordFactory

URL = reverse("access_record")
EXPORT = reverse("access_record_export")
Action = AccessRecord.Action


def shown(response):
    return list(response.context["page"].object_list)


def exported(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.fixture
def main_read(desk, main_branch):
    return AccessRecordFactory(actor=desk, branch=main_branch, record_id=7)


@pytest.fixture
def east_read(eastdesk, east_branch):
    return AccessRecordFactory(actor=eastdesk, branch=east_branch, record_id=8)


@pytest.fixture
def sign_in(desk):
    return AccessRecordFactory(actor=desk, action=Action.SIGN_IN, record_type="user", record_id=desk.pk, branch=None)


# Who sees what ------------------------------------------------------------------------------


def test_the_director_sees_every_entry(director_client, main_read, east_read, sign_in):
    entries = shown(director_client.get(URL))
    assert {main_read, east_read, sign_in} <= set(entries)


def test_a_supervisor_sees_own_branchs_entries_and_not_eastsides(supervisor_client, main_read, east_read, sign_in):
    assert shown(supervisor_client.get(URL)) == [main_read]


def test_the_administrator_sees_sign_ins_and_not_reads_of_patron_details(itadmin_client, main_read, sign_in):
    response = itadmin_client.get(URL)
    entries = shown(response)
    assert sign_in in entries and main_read not in entries
    actions = [value for value, _ in response.context["form"].fields["action"].choices]
    assert Action.SIGN_IN in actions and Action.READ_PATRON_DETAILS not in actions


def test_the_administrator_cannot_ask_for_reads_of_patron_details(itadmin_client, main_read):
    response = itadmin_client.get(URL, {"action": Action.READ_PATRON_DETAILS})
    assert response.status_code == 422
    assert "Choose an action from the list" in response.content.decode()
    assert shown(response) == []


@pytest.mark.parametrize("url", [URL, EXPORT])
@pytest.mark.parametrize("persona", ["desk_client", "desk2_client", "eastdesk_client"])
def test_desk_staff_are_refused(request, persona, url, main_read):
    assert request.getfixturevalue(persona).get(url).status_code == 403
    assert not AccessRecord.objects.filter(action=Action.EXPORT).exists()


@pytest.mark.parametrize("url", [URL, EXPORT])
def test_anyone_not_signed_in_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona, shown_", [("desk_client", False), ("supervisor_client", True), ("director_client", True), ("itadmin_client", True)])
def test_the_header_links_to_it_for_those_who_may_see_it(db, request, persona, shown_):
    html = request.getfixturevalue(persona).get(reverse("password_change")).content.decode()
    assert (f'href="{URL}"' in html) is shown_


def test_the_patron_page_links_to_the_patrons_full_access_record(director_client, main_branch):
    patron = PatronFactory(home_branch=main_branch)
    link = f"{URL}?record_type=patron&amp;record_id={patron.pk}"
    assert link in director_client.get(reverse("patrons:detail", args=[patron.pk])).content.decode()
    response = director_client.get(URL, {"record_type": "patron", "record_id": patron.pk})
    assert [(entry.action, entry.record_id) for entry in shown(response)] == [(Action.READ_PATRON_DETAILS, patron.pk)]


# Filters ------------------------------------------------------------------------------------


def test_filters_by_action_record_and_who(director_client, desk, desk2, main_branch, sign_in):
    read = AccessRecordFactory(actor=desk, branch=main_branch, record_id=42)
    AccessRecordFactory(actor=desk2, branch=main_branch, record_id=42)
    AccessRecordFactory(actor=desk, branch=main_branch, record_id=43)
    response = director_client.get(
        URL, {"action": Action.READ_PATRON_DETAILS, "record_type": "patron", "record_id": "42", "who": "DESK"}
    )
    assert {entry.actor_username for entry in shown(response)} == {"desk", "desk2"}
    response = director_client.get(URL, {"record_id": "42", "who": "desk2"})
    assert [entry.actor_username for entry in shown(response)] == ["desk2"]
    assert shown(director_client.get(URL, {"action": Action.SIGN_IN, "who": "desk"})) == [sign_in]
    assert read in shown(director_client.get(URL, {"record_type": "patron"}))


def test_dates_are_local_and_inclusive(settings, director_client, desk, main_branch):
    settings.TIME_ZONE = "America/New_York"
    late_on_the_9th = AccessRecordFactory(actor=desk, branch=main_branch, at=datetime.datetime(2026, 3, 10, 3, 0, tzinfo=datetime.UTC))
    on_the_10th = AccessRecordFactory(actor=desk, branch=main_branch, at=datetime.datetime(2026, 3, 10, 15, 0, tzinfo=datetime.UTC))
    reads = {"action": Action.READ_PATRON_DETAILS}
    assert shown(director_client.get(URL, {**reads, "date_from": "2026-03-09", "date_to": "2026-03-09"})) == [late_on_the_9th]
    assert shown(director_client.get(URL, {**reads, "date_from": "2026-03-10"})) == [on_the_10th]
    assert shown(director_client.get(URL, {**reads, "date_to": "2026-03-10"})) == [on_the_10th, late_on_the_9th]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("date_from", "yesterday", "Give a date as year-month-day"),
        ("date_to", "2026-02-30", "Give a date as year-month-day"),
        ("record_id", "forty-two", "A record id is a whole number"),
        ("record_id", "21111111111111", "That looks like a card number"),
        ("who", "21111111111111", "That looks like a card number"),
        ("who", "Zoe Smith", "Patrons are not named here"),
        ("record_type", "patron_name", "Choose a kind of record from the list"),
    ],
)
def test_bad_filter_input_says_what_to_fix_and_keeps_what_was_typed(director_client, main_read, field, value, message):
    response = director_client.get(URL, {field: value})
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html
    assert response.context["form"][field].value() == value
    assert shown(response) == []


def test_an_end_date_before_the_start_date_is_explained(director_client):
    response = director_client.get(URL, {"date_from": "2026-03-10", "date_to": "2026-03-09"})
    assert response.status_code == 422
    assert "The end date is before the start date." in response.content.decode()
    assert 'value="2026-03-09"' in response.content.decode()


# Pages --------------------------------------------------------------------------------------


def test_fifty_entries_a_page_newest_first_and_page_links_keep_the_filter(director_client, desk, main_branch):
    start = timezone.now() - datetime.timedelta(hours=1)
    entries = [
        AccessRecordFactory(actor=desk, branch=main_branch, at=start + datetime.timedelta(seconds=n)) for n in range(60)
    ]
    reads = {"action": Action.READ_PATRON_DETAILS}
    first = director_client.get(URL, reads)
    assert shown(first) == entries[::-1][:50]
    assert "?action=read_patron_details&amp;page=2" in first.content.decode()
    assert shown(director_client.get(URL, {**reads, "page": "2"})) == entries[::-1][50:]


def test_the_page_costs_the_same_queries_for_3_or_60_entries(
    director_client, desk, main_branch, east_branch, django_assert_max_num_queries
):
    def add(count):
        for n in range(count):
            AccessRecordFactory(actor=desk, branch=main_branch if n % 2 else east_branch)

    add(3)
    with CaptureQueriesContext(connection) as few:
        assert len(shown(director_client.get(URL))) >= 3
    add(57)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(shown(director_client.get(URL))) == 50
    assert len(few.captured_queries) <= 10


# Export -------------------------------------------------------------------------------------


def test_the_export_holds_what_the_page_shows_and_is_recorded_once(director_client, director, main_read):
    response = director_client.get(EXPORT, {"action": Action.READ_PATRON_DETAILS})
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="access-record-{timezone.localdate():%Y-%m-%d}.csv"'
    header, *rows = exported(response)
    assert header == ["At", "Who", "Action", "Record", "Record type", "Record id", "Branch", "Page", "Detail"]
    assert rows == [
        [
            timezone.localtime(main_read.at).isoformat(timespec="seconds"),
            "desk",
            "Read a patron's registration details",
            "Patron 7",
            "patron",
            "7",
            "Main",
            "/patrons/7/",
            "",
        ]
    ]
    [export] = AccessRecord.objects.filter(action=Action.EXPORT)
    assert (export.actor, export.record_type, export.record_id, export.page) == (director, "", None, EXPORT)


def test_the_export_is_limited_to_the_viewers_scope(supervisor_client, main_read, east_read, sign_in):
    rows = exported(supervisor_client.get(EXPORT))[1:]
    assert [row[5] for row in rows] == ["7"]
    assert AccessRecord.objects.filter(action=Action.EXPORT).count() == 1


def test_the_administrators_export_has_no_reads_of_patron_details(itadmin_client, main_read, sign_in):
    actions = {row[2] for row in exported(itadmin_client.get(EXPORT))[1:]}
    assert "Signed in" in actions and "Read a patron's registration details" not in actions


def test_a_typed_username_cannot_become_a_spreadsheet_formula(director_client):
    AccessRecordFactory(actor=None, actor_username="=HYPERLINK(\"http://x\")", action=Action.SIGN_IN_FAILED, branch=None)
    rows = exported(director_client.get(EXPORT, {"action": Action.SIGN_IN_FAILED}))
    assert rows[1][1] == "'=HYPERLINK(\"http://x\")"


def test_too_large_an_export_asks_for_a_narrower_filter(monkeypatch, director_client, desk, main_branch):
    monkeypatch.setattr("staff.views.EXPORT_MAX_ROWS", 2)
    AccessRecordFactory.create_batch(3, actor=desk, branch=main_branch)
    response = director_client.get(EXPORT, {"action": Action.READ_PATRON_DETAILS})
    assert response.status_code == 302 and response["Location"] == f"{URL}?action=read_patron_details"
    assert "Narrow the filter" in str(list(get_messages(response.wsgi_request))[0])
    assert not AccessRecord.objects.filter(action=Action.EXPORT).exists()


def test_an_export_with_a_bad_filter_goes_back_to_the_filter(director_client):
    response = director_client.get(EXPORT, {"date_from": "yesterday"})
    assert response.status_code == 302 and response["Location"] == f"{URL}?date_from=yesterday"
    assert not AccessRecord.objects.filter(action=Action.EXPORT).exists()


def test_an_entry_made_off_any_page_shows_a_plain_dash_not_code(director_client, desk):
    """Entries written by a command or the demo have no page: the column says so like the others."""
    AccessRecordFactory(actor=desk, page="")
    html = director_client.get(URL).content.decode()
    assert "<code>—</code>" not in html
