"""A complaint's page (/complaints/<id>/) and its printable letter (/complaints/<id>/letter/):
who sees it, what they see, and the recorded reads."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feedback.models import Complaint
from feedback.services import complaints as services
from feedback.tests.factories import ComplaintFactory
from staff import roles
from staff.models import AccessRecord
from staff.tests.factories import UserFactory

S = Complaint.Status


def url(complaint, name="detail"):
    return reverse(f"complaints:{name}", args=[complaint.pk])


@pytest.fixture
def complaint(desk, reference_desk):
    return ComplaintFactory(
        service_point=reference_desk,
        taken_by=desk,
        contact_name="Philippa Quillfeather",
        contact_email="philippa@example.org",
        contact_address="12 Hidden Lane",
        what_happened="The guard followed me around the stacks.",
        desired_outcome="An apology",
    )


def reads(complaint):
    return AccessRecord.objects.filter(
        action=AccessRecord.Action.READ_CONFIDENTIAL, record_type="complaint", record_id=complaint.pk
    )


def test_who_took_it_reads_it_follows_its_status_and_is_not_recorded(desk_client, complaint):
    response = desk_client.get(url(complaint))
    page = response.content.decode()
    assert response.status_code == 200
    assert "The guard followed me around the stacks." in page and "philippa@example.org" in page
    assert "Acknowledge</button>" not in page and "Response to the patron" not in page
    assert "A supervisor of Main works on this complaint" in page
    assert not reads(complaint).exists()


def test_who_took_a_closed_complaint_is_told_it_is_closed_not_that_it_is_worked_on(desk_client, complaint):
    Complaint.objects.filter(pk=complaint.pk).update(status=S.CLOSED)
    page = desk_client.get(url(complaint)).content.decode()
    assert "This complaint is closed. A supervisor of Main can reopen it." in page
    assert "works on this complaint" not in page


@pytest.mark.parametrize("persona", ["supervisor_client", "director_client"])
def test_the_supervisor_and_the_director_read_it_and_each_read_is_recorded(persona, request, complaint):
    client = request.getfixturevalue(persona)
    page = client.get(url(complaint)).content.decode()
    assert "The guard followed me around the stacks." in page and "12 Hidden Lane" in page
    assert "Acknowledge</button>" in page
    assert reads(complaint).count() == 1
    client.get(url(complaint))
    assert reads(complaint).count() == 2


@pytest.mark.parametrize("persona", ["desk2_client", "eastdesk_client"])
def test_other_desk_staff_get_404_as_if_it_did_not_exist(persona, request, complaint):
    client = request.getfixturevalue(persona)
    assert client.get(url(complaint)).status_code == 404
    assert client.get(reverse("complaints:detail", args=[complaint.pk + 99])).status_code == 404
    assert not reads(complaint).exists()
    assert AccessRecord.objects.filter(action=AccessRecord.Action.REFUSED, record_id=complaint.pk).count() == 1


def test_a_supervisor_of_another_branch_gets_404(complaint, east_branch):
    client = Client()
    client.force_login(UserFactory(roles=[roles.SUPERVISOR], branches=[east_branch]))
    assert client.get(url(complaint)).status_code == 404
    assert client.get(url(complaint, "letter")).status_code == 404


def test_the_administrator_is_refused(itadmin_client, complaint):
    assert itadmin_client.get(url(complaint)).status_code == 403


def test_a_patron_who_asked_for_the_director_is_shown_prominently(supervisor_client, complaint):
    Complaint.objects.filter(pk=complaint.pk).update(wants_director=True)
    page = supervisor_client.get(url(complaint)).content.decode()
    assert '<div class="alert alert-warning director-request" role="note">' in page
    assert "The patron asked to speak to the Director." in page


def test_an_overdue_complaint_says_so_in_words(supervisor_client, complaint):
    due = timezone.localdate() - datetime.timedelta(days=3)
    Complaint.objects.filter(pk=complaint.pk).update(acknowledge_by=due)
    page = supervisor_client.get(url(complaint)).content.decode()
    assert f"Overdue</span> acknowledgment was due {due:%a} {due.day}" in page


def test_the_timeline_keeps_internal_notes_and_the_response_apart(supervisor_client, supervisor, complaint):
    services.complaint_acknowledge(complaint=complaint, by=supervisor, version=1, note="Guard is new; talk to security")
    services.complaint_respond(complaint=complaint, by=supervisor, version=2, response="Dear Philippa, we are sorry.")
    services.complaint_reply(complaint=complaint, by=supervisor, version=3, channel="in_person")
    page = supervisor_client.get(url(complaint)).content.decode()
    note = page.index("Internal note, never sent")
    assert page.index("Guard is new; talk to security") > note
    assert "Response given in person" in page
    assert "What the patron was given</summary>" in page


@pytest.mark.parametrize("status, offered, not_offered", [
    (S.NEW, ["Acknowledge", "Assign"], ["Escalate to the Director", "Record the decision"]),
    (S.IN_PROGRESS, ["Mark as resolved", "Escalate to the Director"], ["Acknowledge</button>", "Record the decision"]),
    (S.CLOSED, ["Reopen"], ["Close the complaint", "Response to the patron"]),
])
def test_only_the_steps_that_apply_are_offered(status, offered, not_offered, supervisor_client, complaint):
    Complaint.objects.filter(pk=complaint.pk).update(status=status)
    page = supervisor_client.get(url(complaint)).content.decode()
    for text in offered:
        assert text in page
    for text in not_offered:
        assert text not in page


def test_the_director_is_offered_the_decision(director_client, supervisor_client, complaint):
    Complaint.objects.filter(pk=complaint.pk).update(status=S.ESCALATED)
    assert "Record the decision" in director_client.get(url(complaint)).content.decode()
    assert "Record the decision" not in supervisor_client.get(url(complaint)).content.decode()


def test_the_draft_starts_from_the_acknowledgment_and_a_template_on_request(supervisor_client, complaint):
    response = supervisor_client.get(url(complaint))
    assert response.context["response_form"]["response"].value().startswith("Dear Philippa Quillfeather,\n\nThank you for telling us")
    response = supervisor_client.get(f"{url(complaint)}?template=complaint_response")
    draft = response.context["response_form"]["response"].value()
    assert "[What we found, what we have done, and what happens next.]" in draft
    assert response.context["response_form"]["kind"].value() == "complaint_response"


def test_a_saved_draft_is_shown_as_saved(supervisor_client, supervisor, complaint):
    services.complaint_respond(complaint=complaint, by=supervisor, version=1, response="My own words")
    assert supervisor_client.get(url(complaint)).context["response_form"]["response"].value() == "My own words"


# The letter ----------------------------------------------------------------------------------------

def test_the_letter_shows_the_saved_response_to_the_patron_and_is_recorded(supervisor_client, supervisor, complaint):
    services.complaint_respond(complaint=complaint, by=supervisor, version=1, response="Dear Philippa,\n\nWe are sorry.")
    services.complaint_acknowledge(complaint=complaint, by=supervisor, version=2, note="INTERNAL-ONLY")
    response = supervisor_client.get(url(complaint, "letter"))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<article class="printable letter"' in page and "data-print" in page
    assert "12 Hidden Lane" in page and "We are sorry." in page and f"Reference: {complaint.reference}" in page
    assert "INTERNAL-ONLY" not in page
    assert "style=" not in page
    assert reads(complaint).count() == 1


def test_no_letter_before_there_is_a_response(supervisor_client, complaint):
    assert "There is no response to print yet" in supervisor_client.get(url(complaint, "letter")).content.decode()


@pytest.mark.parametrize("persona", ["desk_client", "itadmin_client"])
def test_the_letter_is_for_those_who_work_on_complaints(persona, request, complaint):
    response = request.getfixturevalue(persona).get(url(complaint, "letter"))
    assert response.status_code == 403
