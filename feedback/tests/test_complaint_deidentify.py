"""Retention: finished complaints untouched for the library's feedback retention period lose
the patron's link, contact details and free text (manage.py deidentify); the statistics stay."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from feedback.models import Complaint, ComplaintStep, Reply
from feedback.tests.factories import ComplaintFactory
from patrons.tests.factories import PatronFactory
from servicedesk.lib.retention import REMOVED
from staff.models import LibrarySettings

S = Complaint.Status


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def old(status, service_point, **fields):
    return ComplaintFactory(
        status=status,
        service_point=service_point,
        received_at=days_ago(400),
        patron=PatronFactory(),
        contact_phone="555-0100",
        contact_address="12 Hidden Lane",
        **fields,
    )


def run(*args):
    out = StringIO()
    call_command("deidentify", *args, stdout=out)
    return out.getvalue()


def contact(complaint):
    complaint.refresh_from_db()
    return (complaint.patron_id, complaint.contact_name, complaint.contact_email, complaint.contact_phone, complaint.contact_address)


@pytest.fixture
def history(reference_desk, supervisor):
    closed = old(S.CLOSED, reference_desk)
    ComplaintStep.objects.create(complaint=closed, by=supervisor, action="close", at=days_ago(380))
    Reply.objects.create(complaint=closed, channel="email", body="Dear Ann", sent_to="ann@example.org", by=supervisor, at=days_ago(390))
    return {
        "closed": closed,
        "resolved": old(S.RESOLVED, reference_desk),
        "decided": old(S.DECIDED, reference_desk),
        "still_open": old(S.IN_PROGRESS, reference_desk),
        "recently_closed": ComplaintFactory(status=S.CLOSED, service_point=reference_desk, received_at=days_ago(30)),
        "touched_lately": old(S.RESOLVED, reference_desk),
    }


@pytest.fixture
def touched(history, supervisor):
    ComplaintStep.objects.create(complaint=history["touched_lately"], by=supervisor, action="respond", at=days_ago(5))
    return history


def test_a_dry_run_says_how_many_and_changes_nothing(touched):
    output = run("--dry-run")
    assert "3 would lose the patron's link and contact details" in output
    assert contact(touched["closed"])[0] is not None


def test_finished_complaints_past_the_period_lose_the_patron_and_contact_details(touched):
    output = run()
    assert "3 lost the patron's link and contact details" in output
    for name in ("closed", "resolved", "decided"):
        assert contact(touched[name]) == (None, "", "", "", "")
        assert touched[name].deidentified_at is not None
        assert touched[name].what_happened == REMOVED  # required: marked, not emptied
    assert Reply.objects.get().sent_to == ""
    for name in ("still_open", "recently_closed", "touched_lately"):
        assert contact(touched[name])[1] != ""
        assert touched[name].deidentified_at is None


def test_the_response_and_the_replies_go_whatever_they_call_the_patron(touched):
    closed = touched["closed"]
    Complaint.objects.filter(pk=closed.pk).update(contact_name="Ann Example", response="Dear Ms Example, sorry.")
    Reply.objects.filter(complaint=closed).update(body="Dear Ms Example, we are sorry.")
    run()
    closed.refresh_from_db()
    assert closed.response == ""
    assert Reply.objects.get(complaint=closed).body == REMOVED


def test_the_librarys_period_decides(touched):
    LibrarySettings.objects.update_or_create(pk=1, defaults={"feedback_retention_days": 20})
    assert "4 lost" in run()
    assert contact(touched["recently_closed"])[1] == ""


def test_a_second_run_changes_nothing_more(touched):
    run()
    assert "0 lost the patron's link" in run()


def test_a_de_identified_complaint_says_so_and_offers_no_response(touched, supervisor_client):
    from django.urls import reverse

    run()
    page = supervisor_client.get(reverse("complaints:detail", args=[touched["resolved"].pk])).content.decode()
    assert "contact details were removed on" in page
    assert "Response to the patron" not in page
