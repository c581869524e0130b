"""The complaint queue (/complaints/) and the Director's escalation queue (/complaints/escalated/)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from feedback.models import Complaint
from feedback.tests.factories import ComplaintFactory
from servicedesk.lib.counts import BoundedPaginator
from staff.models import AccessRecord

S = Complaint.Status
QUEUE = reverse("complaints:queue")
ESCALATED = reverse("complaints:escalated")
YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)
# Sign-in, roles, branches, the header's own; the counts, the page and its count: the same
# dozen or so at three complaints or forty (one query a row would pass forty).
QUERIES = 15


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def complaints(desk, desk2, reference_desk, circulation_desk, east_desk, supervisor):
    return {
        "desks": ComplaintFactory(service_point=reference_desk, taken_by=desk, contact_name="Philippa Quillfeather"),
        "desk2s": ComplaintFactory(service_point=circulation_desk, taken_by=desk2, status=S.IN_PROGRESS, assigned_to=supervisor),
        "late": ComplaintFactory(service_point=reference_desk, taken_by=desk2, acknowledge_by=YESTERDAY),
        "escalated": ComplaintFactory(service_point=reference_desk, taken_by=desk2, status=S.ESCALATED, wants_director=True),
        "closed": ComplaintFactory(service_point=reference_desk, taken_by=desk2, status=S.CLOSED),
        "eastside": ComplaintFactory(service_point=east_desk, status=S.ACKNOWLEDGED),
    }


def references(page) -> set[str]:
    return {complaint.reference for complaint in page.context["page"]}


def test_desk_staff_see_the_complaints_they_took_and_their_status(desk_client, complaints):
    response = desk_client.get(QUEUE)
    assert references(response) == {complaints["desks"].reference}
    page = html(response)
    assert "Complaints you took" in page and "New" in page
    assert "Assigned to me" not in page


def test_a_supervisor_sees_the_open_complaints_of_the_branch(supervisor_client, complaints):
    response = supervisor_client.get(QUEUE)
    assert references(response) == {complaints[name].reference for name in ("desks", "desk2s", "late", "escalated")}


def test_the_director_sees_every_branch(director_client, complaints):
    response = director_client.get(f"{QUEUE}?status=all")
    assert references(response) == {complaint.reference for complaint in complaints.values()}


def test_the_administrator_is_refused(itadmin_client, complaints):
    response = itadmin_client.get(QUEUE)
    assert response.status_code == 403
    assert "Complaints: not part of your role" in response.content.decode()


def test_the_queue_shows_no_patron_and_records_no_read(supervisor_client, complaints):
    page = html(supervisor_client.get(QUEUE))
    assert "Quillfeather" not in page and "printer" not in page
    assert not AccessRecord.objects.filter(action=AccessRecord.Action.READ_CONFIDENTIAL).exists()


def test_overdue_complaints_stand_out_in_words_not_colour_alone(supervisor_client, complaints):
    page = html(supervisor_client.get(QUEUE))
    assert f'<span class="badge text-bg-danger">Overdue</span> acknowledgment was due {YESTERDAY:%a} {YESTERDAY.day}' in page
    assert "1</strong> overdue" in page
    assert "Asked for the Director" in page


def test_counts_by_status_and_overdue(supervisor_client, complaints):
    counts = supervisor_client.get(QUEUE).context["counts"]
    by_status = {value: count for value, _, count in counts["by_status"]}
    assert by_status == {
        S.NEW: 2, S.ACKNOWLEDGED: 0, S.IN_PROGRESS: 1, S.RESOLVED: 0, S.ESCALATED: 1, S.DECIDED: 0, S.CLOSED: 1
    }
    assert (counts["open"], counts["all"], counts["overdue"]) == (4, 5, 1)


@pytest.mark.parametrize("query, expected", [
    ("status=closed", {"closed"}),
    ("status=new", {"desks", "late"}),
    ("overdue=on", {"late"}),
    ("mine=on", {"desk2s"}),
    ("service_point={circulation}", {"desk2s"}),
])
def test_filters(query, expected, supervisor_client, complaints, circulation_desk):
    response = supervisor_client.get(f"{QUEUE}?{query.format(circulation=circulation_desk.pk)}")
    assert references(response) == {complaints[name].reference for name in expected}


def test_oldest_first_unless_asked_otherwise(supervisor_client, desk, reference_desk):
    old = ComplaintFactory(service_point=reference_desk, received_at=timezone.now() - datetime.timedelta(days=3))
    new = ComplaintFactory(service_point=reference_desk)
    assert list(supervisor_client.get(QUEUE).context["page"]) == [old, new]
    assert list(supervisor_client.get(f"{QUEUE}?sort=newest").context["page"]) == [new, old]


def test_a_filter_that_makes_no_sense_says_so(supervisor_client, complaints):
    response = supervisor_client.get(f"{QUEUE}?status=lost")
    assert response.status_code == 422
    assert "Choose a status from the list." in response.content.decode()
    assert list(response.context["page"]) == []


def test_the_queue_is_paginated(supervisor_client, reference_desk):
    ComplaintFactory.create_batch(30, service_point=reference_desk)
    first = supervisor_client.get(QUEUE)
    assert len(first.context["page"]) == 25 and "Page 1 of 2" in first.content.decode()
    assert len(supervisor_client.get(f"{QUEUE}?page=2").context["page"]) == 5


@pytest.mark.parametrize("volume", [3, 40])
def test_the_queue_costs_the_same_queries_whatever_the_volume(volume, supervisor_client, reference_desk, supervisor, django_assert_max_num_queries):
    ComplaintFactory.create_batch(volume, service_point=reference_desk, assigned_to=supervisor, acknowledge_by=YESTERDAY)
    with django_assert_max_num_queries(QUERIES):
        response = supervisor_client.get(f"{QUEUE}?status=all")
    assert response.status_code == 200


@pytest.mark.parametrize("volume", [3, 40])
def test_the_escalation_queue_costs_the_same_queries_whatever_the_volume(volume, director_client, reference_desk, supervisor, django_assert_max_num_queries):
    ComplaintFactory.create_batch(volume, service_point=reference_desk, assigned_to=supervisor, status=S.ESCALATED)
    with django_assert_max_num_queries(QUERIES):
        response = director_client.get(ESCALATED)
    assert response.status_code == 200


def test_the_escalation_queue_holds_what_waits_for_the_director(director_client, complaints):
    response = director_client.get(ESCALATED)
    assert references(response) == {complaints["escalated"].reference}
    assert "Waiting for a decision: <strong>1</strong>" in response.content.decode()


@pytest.mark.parametrize("persona", ["desk_client", "supervisor_client", "itadmin_client"])
def test_the_escalation_queue_is_the_directors(persona, request, complaints):
    response = request.getfixturevalue(persona).get(ESCALATED)
    assert response.status_code == 403
    assert "The escalation queue: not part of your role" in response.content.decode()


def test_the_queue_never_counts_every_complaint(director_client, complaints):
    with CaptureQueriesContext(connection) as captured:
        html(director_client.get(f"{QUEUE}?status=all"))
    counts = [query["sql"] for query in captured.captured_queries if "COUNT(" in query["sql"] and "feedback_complaint" in query["sql"]]
    assert counts and all("LIMIT 1001" in sql for sql in counts), counts


def test_a_queue_longer_than_the_bound_says_more_than_and_pages_on(supervisor_client, reference_desk, monkeypatch):
    monkeypatch.setattr(BoundedPaginator.__init__, "__defaults__", (2,))
    monkeypatch.setattr("feedback.views.complaints.PER_PAGE", 1)
    ComplaintFactory.create_batch(3, service_point=reference_desk)
    first = html(supervisor_client.get(QUEUE))
    assert "<p>2+ complaints; 1–1 shown.</p>" in first
    assert "Page 1 of 3+" in first and ">Next</a>" in first
    last = html(supervisor_client.get(f"{QUEUE}?page=3"))
    assert "<p>3 complaints; 3–3 shown.</p>" in last
    assert "Page 3 of 3" in last and ">Next</a>" not in last and ">Previous</a>" in last


def test_the_filter_is_drawn_in_the_bootstrap_markup_with_its_messages(director_client, complaints):
    page = director_client.get(f"{QUEUE}?status=lost").content.decode()
    assert (
        '<select name="status" class="select form-select is-invalid" aria-invalid="true" aria-describedby="id_status_error" id="id_status">'
        in page
    )
    assert '<p id="error_1_id_status"><strong>Choose a status from the list.</strong></p>' in page
    assert '<select name="service_point" class="select form-select" id="id_service_point">' in page
    assert '<input type="checkbox" name="overdue" class="checkboxinput form-check-input" id="id_overdue">' in page
    assert '<label for="id_mine" class="form-check-label">Assigned to me</label>' in page


def test_a_service_point_not_offered_is_refused_and_one_offered_filters(supervisor_client, complaints, east_desk, circulation_desk):
    refused = supervisor_client.get(f"{QUEUE}?service_point={east_desk.pk}")
    assert refused.status_code == 422
    assert "Choose a service point from the list." in refused.content.decode()
    assert references(supervisor_client.get(f"{QUEUE}?service_point={circulation_desk.pk}")) == {complaints["desk2s"].reference}
