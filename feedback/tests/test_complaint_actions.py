"""The steps posted from a complaint's page: success and refusal for each role, bad input
kept on the page, and two supervisors saving at once."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from feedback.models import Complaint, Reply
from feedback.tests.factories import ComplaintFactory
from staff import roles
from staff.tests.factories import UserFactory

S = Complaint.Status


def url(complaint, name):
    return reverse(f"complaints:{name}", args=[complaint.pk])


@pytest.fixture
def complaint(desk, reference_desk):
    return ComplaintFactory(service_point=reference_desk, taken_by=desk, contact_name="Ann Patron", contact_email="ann@example.org")


def with_status(complaint, status):
    Complaint.objects.filter(pk=complaint.pk).update(status=status)
    complaint.refresh_from_db()
    return complaint


@pytest.fixture
def supervisor2(main_branch):
    return UserFactory(username="supervisor2", roles=[roles.SUPERVISOR], branches=[main_branch], email="s2@library.example")


@pytest.fixture
def supervisor2_client(supervisor2):
    client = Client()
    client.force_login(supervisor2)
    return client


def test_the_supervisor_acknowledges_with_an_internal_note(supervisor_client, supervisor, complaint):
    response = supervisor_client.post(url(complaint, "acknowledge"), {"version": 1, "acknowledge-note": "Called back"})
    assert response.status_code == 302 and response["Location"] == url(complaint, "detail")
    complaint.refresh_from_db()
    assert complaint.status == S.ACKNOWLEDGED
    step = complaint.steps.get(action="acknowledge")
    assert (step.by, step.note) == (supervisor, "Called back")


@pytest.mark.parametrize("name, status, data, expected", [
    ("start", S.ACKNOWLEDGED, {}, S.IN_PROGRESS),
    ("resolve", S.IN_PROGRESS, {"resolve-note": "Refunded"}, S.RESOLVED),
    ("escalate", S.IN_PROGRESS, {"escalate-reason": "Asks for the Director"}, S.ESCALATED),
    ("close", S.RESOLVED, {}, S.CLOSED),
    ("reopen", S.CLOSED, {"reopen-reason": "She wrote again"}, S.IN_PROGRESS),
])
def test_each_step_by_the_supervisor(name, status, data, expected, supervisor_client, complaint):
    with_status(complaint, status)
    response = supervisor_client.post(url(complaint, name), {"version": complaint.version, **data})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == expected


def test_the_director_decides(director_client, complaint):
    with_status(complaint, S.ESCALATED)
    response = director_client.post(url(complaint, "decide"), {"version": 1, "decide-decision": "Refund the fee.", "decide-note": ""})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.decision) == (S.DECIDED, "Refund the fee.")


def test_a_supervisor_cannot_decide(supervisor_client, complaint):
    with_status(complaint, S.ESCALATED)
    response = supervisor_client.post(url(complaint, "decide"), {"version": 1, "decide-decision": "Mine"})
    assert response.status_code == 403
    assert "Deciding escalated complaints: not part of your role" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == S.ESCALATED


@pytest.mark.parametrize("name", ["acknowledge", "assign", "respond", "escalate", "start", "resolve", "close", "reopen"])
@pytest.mark.parametrize("persona", ["desk_client", "itadmin_client"])
def test_desk_staff_and_the_administrator_are_refused_every_step(persona, name, request, complaint):
    response = request.getfixturevalue(persona).post(url(complaint, name), {"version": 1, "acknowledge-note": "x", "response": "x"})
    assert response.status_code == 403
    complaint.refresh_from_db()
    assert (complaint.status, complaint.version, complaint.response) == (S.NEW, 1, "")


def test_steps_are_posted_never_fetched(supervisor_client, complaint):
    assert supervisor_client.get(url(complaint, "acknowledge")).status_code == 405


def test_escalating_without_a_reason_says_so_and_keeps_the_page(supervisor_client, complaint):
    with_status(complaint, S.IN_PROGRESS)
    response = supervisor_client.post(url(complaint, "escalate"), {"version": 1, "escalate-reason": "  "})
    assert response.status_code == 422
    assert "Say why it goes to the Director." in response.content.decode()
    assert 'Nothing was saved: <a class="alert-link" href="#step-escalate">' in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == S.IN_PROGRESS


def test_a_refused_step_says_why(supervisor_client, complaint):
    with_status(complaint, S.ESCALATED)
    response = supervisor_client.post(url(complaint, "acknowledge"), {"version": 1, "acknowledge-note": "My note"})
    page = response.content.decode()
    assert response.status_code == 422
    assert "Only a new complaint can be acknowledged; this one is escalated to the Director." in page


def test_assigning_tells_the_assignee(supervisor_client, complaint, supervisor2, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = supervisor_client.post(url(complaint, "assign"), {"version": 1, "assign-assignee": supervisor2.pk, "assign-note": ""})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.assigned_to == supervisor2
    [sent] = mail.outbox
    assert (sent.to, sent.subject) == (["s2@library.example"], f"Complaint {complaint.reference} at Main: assigned to you")


def test_assigning_to_desk_staff_is_refused(supervisor_client, complaint, desk2):
    response = supervisor_client.post(url(complaint, "assign"), {"version": 1, "assign-assignee": desk2.pk})
    assert response.status_code == 422
    assert "Choose a supervisor of the complaint&#x27;s branch from the list." in response.content.decode()


def test_saving_the_draft_sends_nothing(supervisor_client, complaint, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = supervisor_client.post(url(complaint, "respond"), {"version": 1, "response": "Dear Ann", "action": "save"})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.response == "Dear Ann"
    assert mail.outbox == [] and not Reply.objects.exists()


def test_sending_the_response_by_email(supervisor_client, complaint, django_capture_on_commit_callbacks):
    data = {"version": 1, "response": "Dear Ann, refunded.", "action": "send", "channel": "email", "kind": "complaint_acknowledge"}
    with django_capture_on_commit_callbacks(execute=True):
        response = supervisor_client.post(url(complaint, "respond"), data)
    assert response.status_code == 302
    [sent] = mail.outbox
    assert sent.to == ["ann@example.org"] and sent.body.startswith("Dear Ann, refunded.\n\n")
    assert sent.subject == f"Your comments to the library (reference {complaint.reference})"
    assert Reply.objects.get().complaint == complaint


def test_sending_needs_a_way_to_send(supervisor_client, complaint):
    response = supervisor_client.post(url(complaint, "respond"), {"version": 1, "response": "Typed text", "action": "send"})
    page = response.content.decode()
    assert response.status_code == 422
    assert "Choose how the patron gets the response." in page and "Typed text" in page
    complaint.refresh_from_db()
    assert complaint.response == ""


def test_a_failed_send_saves_nothing_and_keeps_the_text(supervisor_client, complaint):
    Complaint.objects.filter(pk=complaint.pk).update(contact_email="")
    data = {"version": 1, "response": "My careful words", "action": "send", "channel": "email"}
    response = supervisor_client.post(url(complaint, "respond"), data)
    page = response.content.decode()
    assert response.status_code == 422
    assert "There is no e-mail address for this patron" in page and "My careful words" in page
    complaint.refresh_from_db()
    assert (complaint.response, complaint.version) == ("", 1)


# Two supervisors at once ------------------------------------------------------------------------

def test_the_second_draft_saved_from_an_older_page_is_refused_and_kept(supervisor_client, supervisor2_client, complaint):
    opened = complaint.version
    supervisor_client.post(url(complaint, "respond"), {"version": opened, "response": "First words", "action": "save"})
    response = supervisor2_client.post(url(complaint, "respond"), {"version": opened, "response": "Second words", "action": "save"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved a change to this complaint after you opened it" in page
    assert response.context["response_form"]["response"].value() == "Second words"
    assert "The draft as saved now" in page and "First words" in page
    complaint.refresh_from_db()
    assert complaint.response == "First words"
    # Sent again from the page as it now stands, it is a decision, not an accident.
    again = supervisor2_client.post(
        url(complaint, "respond"), {"version": response.context["version"], "response": "Second words", "action": "save"}
    )
    assert again.status_code == 302
    complaint.refresh_from_db()
    assert complaint.response == "Second words"


def test_a_step_taken_from_an_older_page_is_refused_and_its_note_kept(supervisor_client, supervisor2_client, supervisor2, complaint):
    opened = complaint.version
    supervisor_client.post(url(complaint, "assign"), {"version": opened, "assign-assignee": supervisor2.pk})
    response = supervisor2_client.post(url(complaint, "acknowledge"), {"version": opened, "acknowledge-note": "My careful note"})
    assert response.status_code == 409
    assert "My careful note" in response.content.decode()
    complaint.refresh_from_db()
    assert (complaint.status, complaint.assigned_to) == (S.NEW, supervisor2)


def test_two_assignments_at_once_the_second_is_refused(supervisor_client, supervisor2_client, supervisor, supervisor2, complaint):
    supervisor_client.post(url(complaint, "assign"), {"version": 1, "assign-assignee": supervisor.pk})
    response = supervisor2_client.post(url(complaint, "assign"), {"version": 1, "assign-assignee": supervisor2.pk})
    assert response.status_code == 409
    complaint.refresh_from_db()
    assert complaint.assigned_to == supervisor


def test_acknowledged_meanwhile_the_second_acknowledgment_is_refused_and_its_note_kept(supervisor_client, supervisor2_client, complaint):
    supervisor_client.post(url(complaint, "acknowledge"), {"version": 1, "acknowledge-note": "First"})
    response = supervisor2_client.post(url(complaint, "acknowledge"), {"version": 1, "acknowledge-note": "Second, carefully"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "It is now acknowledged." in page and "Second, carefully" in page
    assert list(complaint.steps.filter(action="acknowledge").values_list("note", flat=True)) == ["First"]
