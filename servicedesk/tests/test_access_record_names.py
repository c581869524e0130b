"""The access record names records by the references people use, and links them for a reader
whose scope includes them (staff/record_names.py, filled in by feedback and interactions)."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from feedback.tests.factories import (
    CommentCardFactory,
    ComplaintFactory,
    PurchaseSuggestionFactory,
    ReviewRequestFactory,
)
from interactions.tests.factories import InteractionFactory
from patrons.tests.factories import PatronFactory
from staff.models import AccessRecord
from staff.tests.factories import AccessRecordFactory

URL = reverse("access_record")
READ = AccessRecord.Action.READ_CONFIDENTIAL


def entry_about(record, branch):
    return AccessRecordFactory(action=READ, record_type=record._meta.model_name, record_id=record.pk, branch=branch)


@pytest.fixture
def records(main_branch, reference_desk):
    """One record of each kind at Main, and an entry about each."""
    records = {
        "complaint": ComplaintFactory(service_point=reference_desk),
        "review": ReviewRequestFactory(branch=main_branch),
        "card": CommentCardFactory(branch=main_branch),
        "suggestion": PurchaseSuggestionFactory(branch=main_branch),
        "interaction": InteractionFactory(
            service_point=reference_desk, occurred_at=timezone.make_aware(datetime.datetime(2026, 12, 2, 14, 5))
        ),
    }
    for record in records.values():
        entry_about(record, main_branch)
    return records


def test_records_are_named_by_reference_and_linked_for_the_director(director_client, records):
    html = director_client.get(URL).content.decode()
    complaint, review, card, suggestion, interaction = records.values()
    for url_name, record, name in [
        ("complaints:detail", complaint, f"Complaint C-{complaint.pk}"),
        ("reviews:detail", review, f"Review request R-{review.pk}"),
        ("cards:detail", card, f"Comment card K-{card.pk}"),
        ("suggestions:detail", suggestion, f"Purchase suggestion P-{suggestion.pk}"),
        ("interactions:detail", interaction, "Interaction of 2 Dec 2026 14:05 at Main — Reference desk"),
    ]:
        assert f'<a href="{reverse(url_name, args=[record.pk])}">{name}</a>' in html
    assert f"reviewrequest {review.pk}" not in html and f"commentcard {card.pk}" not in html


def test_a_patron_is_named_by_id_only_and_linked_for_those_who_may_look_patrons_up(director_client, main_branch):
    patron = PatronFactory(home_branch=main_branch)
    entry_about(patron, main_branch)
    html = director_client.get(URL).content.decode()
    assert f'<a href="{reverse("patrons:detail", args=[patron.pk])}">Patron {patron.pk}</a>' in html
    assert patron.last_name not in html and patron.card_number not in html


def test_a_record_outside_the_readers_scope_is_named_but_not_linked(supervisor_client, main_branch, east_branch):
    """The supervisor of Main sees an entry kept with Main about a suggestion now Eastside's:
    its reference, but no link to a page they may not open."""
    theirs = PurchaseSuggestionFactory(branch=east_branch)
    entry_about(theirs, main_branch)
    html = supervisor_client.get(URL).content.decode()
    assert f"Purchase suggestion P-{theirs.pk}" in html
    assert reverse("suggestions:detail", args=[theirs.pk]) not in html


def test_a_desk_colleagues_complaint_is_linked_for_their_supervisor(supervisor_client, records):
    complaint = records["complaint"]
    html = supervisor_client.get(URL).content.decode()
    assert f'<a href="{reverse("complaints:detail", args=[complaint.pk])}">Complaint C-{complaint.pk}</a>' in html


def test_a_record_no_longer_kept_keeps_its_reference_or_kind_and_id_unlinked(director_client, main_branch):
    AccessRecordFactory(action=READ, record_type="complaint", record_id=9999, branch=main_branch)
    AccessRecordFactory(action=READ, record_type="interaction", record_id=8888, branch=main_branch)
    html = director_client.get(URL).content.decode()
    assert "Complaint C-9999" in html and reverse("complaints:detail", args=[9999]) not in html
    assert "interaction 8888" in html and reverse("interactions:detail", args=[8888]) not in html


def test_naming_costs_the_same_queries_for_5_or_60_entries_of_every_kind(
    director_client, records, main_branch, reference_desk, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as few:
        assert director_client.get(URL).status_code == 200
    for _ in range(11):
        for record in [
            ComplaintFactory(service_point=reference_desk),
            ReviewRequestFactory(branch=main_branch),
            CommentCardFactory(branch=main_branch),
            PurchaseSuggestionFactory(branch=main_branch),
            InteractionFactory(service_point=reference_desk),
        ]:
            entry_about(record, main_branch)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(director_client.get(URL).context["page"].object_list) == 50


def test_the_export_names_records_as_the_page_does(director_client, records):
    response = director_client.get(reverse("access_record_export"), {"action": READ})
    header, *rows = csv.reader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert header[3] == "Record"
    card = records["card"]
    assert {row[3] for row in rows} == {
        f"Complaint C-{records['complaint'].pk}",
        f"Review request R-{records['review'].pk}",
        f"Comment card K-{card.pk}",
        f"Purchase suggestion P-{records['suggestion'].pk}",
        "Interaction of 2 Dec 2026 14:05 at Main — Reference desk",
    }
