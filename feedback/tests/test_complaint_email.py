"""E-mail from the complaint workflow: who is told, and what never goes out. Only the response
is ever sent to the patron; internal notes never leave the app; subjects carry a reference and
a branch, never a name or the patron's words."""

import pytest
from django.core import mail

from feedback.services import complaints as services
from patrons.tests.factories import PatronFactory
from staff import roles
from staff.tests.factories import UserFactory

NAME = "Philippa Quillfeather"
WORDS = "The guard followed me around the stacks"
NOTES = ["NOTE-ACK-7731", "NOTE-ESC-4410", "NOTE-DECIDE-9902", "NOTE-ASSIGN-5120", "DECISION-TEXT-3318"]


@pytest.fixture
def people(supervisor, director, main_branch, east_branch):
    supervisor.email = "supervisor@library.example"
    supervisor.save()
    director.email = "director@library.example"
    director.save()
    return {
        "colleague": UserFactory(roles=[roles.SUPERVISOR], branches=[main_branch], email="colleague@library.example"),
        "eastside": UserFactory(roles=[roles.SUPERVISOR], branches=[east_branch], email="east@library.example"),
        "retired": UserFactory(roles=[roles.SUPERVISOR], branches=[main_branch], email="old@library.example", is_active=False),
    }


def take(desk, reference_desk, captured):
    with captured(execute=True):
        return services.complaint_take(
            by=desk,
            service_point=reference_desk,
            what_happened=WORDS,
            desired_outcome="An apology",
            contact_name=NAME,
            contact_email="philippa@example.org",
            patron=PatronFactory(first_name="Philippa", last_name="Quillfeather"),
        )


def test_a_new_complaint_tells_the_branchs_active_supervisors(
    people, desk, reference_desk, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://desk.library.example/"
    complaint = take(desk, reference_desk, django_capture_on_commit_callbacks)
    [sent] = mail.outbox
    assert sorted(sent.to) == ["colleague@library.example", "supervisor@library.example"]
    assert sent.subject == f"Complaint C-{complaint.pk} at Main: new"
    assert f"https://desk.library.example/complaints/{complaint.pk}/" in sent.body


def test_a_supervisor_who_takes_one_is_not_told_about_it(people, supervisor, reference_desk, django_capture_on_commit_callbacks):
    take(supervisor, reference_desk, django_capture_on_commit_callbacks)
    assert mail.outbox[0].to == ["colleague@library.example"]


def test_a_rolled_back_change_sends_nothing(people, desk, reference_desk):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        services.complaint_take(by=desk, service_point=reference_desk, what_happened=WORDS)
        raise RuntimeError
    assert mail.outbox == []


def test_escalation_tells_the_director(people, desk, supervisor, reference_desk, django_capture_on_commit_callbacks):
    complaint = take(desk, reference_desk, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    services.complaint_acknowledge(complaint=complaint, by=supervisor, version=complaint.version)
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_escalate(complaint=complaint, by=supervisor, version=complaint.version, reason="NOTE-ESC-4410")
    [sent] = mail.outbox
    assert (sent.to, sent.subject) == (["director@library.example"], f"Complaint C-{complaint.pk} at Main: escalated")


def test_no_note_name_or_words_ever_leave_in_an_email(people, desk, supervisor, director, reference_desk, django_capture_on_commit_callbacks):
    """The whole life of a complaint, with a marker in every internal note: the staff
    notifications and the reply to the patron carry none of them; subjects carry no name and
    none of the patron's words."""
    complaint = take(desk, reference_desk, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_acknowledge(complaint=complaint, by=supervisor, version=complaint.version, note="NOTE-ACK-7731")
        services.complaint_assign(
            complaint=complaint, by=supervisor, version=complaint.version, assignee=people["colleague"], note="NOTE-ASSIGN-5120"
        )
        services.complaint_escalate(complaint=complaint, by=supervisor, version=complaint.version, reason="NOTE-ESC-4410")
        services.complaint_decide(
            complaint=complaint, by=director, version=complaint.version, decision="DECISION-TEXT-3318", note="NOTE-DECIDE-9902"
        )
        services.complaint_respond(
            complaint=complaint, by=director, version=complaint.version, response=f"Dear {NAME}, the fee is refunded."
        )
        services.complaint_reply(complaint=complaint, by=director, version=complaint.version, channel="email")
    assert [sent.subject for sent in mail.outbox] == [
        f"Complaint C-{complaint.pk} at Main: new",
        f"Complaint C-{complaint.pk} at Main: assigned to you",
        f"Complaint C-{complaint.pk} at Main: escalated",
        f"Our response to your comments (reference C-{complaint.pk})",
    ]
    for sent in mail.outbox:
        for secret in NOTES:
            assert secret not in sent.body and secret not in sent.subject
        assert "Philippa" not in sent.subject and "Quillfeather" not in sent.subject
        assert "guard" not in sent.subject
    staff_mail, patron_mail = mail.outbox[:-1], mail.outbox[-1]
    for sent in staff_mail:
        assert "Quillfeather" not in sent.body and WORDS not in sent.body and "philippa@example.org" not in sent.body
    assert patron_mail.to == ["philippa@example.org"]
    assert patron_mail.body.startswith(f"Dear {NAME}, the fee is refunded.\n\n")


def test_a_template_edited_to_put_the_name_in_the_subject_still_sends_none(people, desk, supervisor, reference_desk, django_capture_on_commit_callbacks):
    from feedback.models import ReplyTemplate

    ReplyTemplate.objects.filter(kind="complaint_response").update(subject="For {name} ({reference})")
    complaint = take(desk, reference_desk, django_capture_on_commit_callbacks)
    services.complaint_respond(complaint=complaint, by=supervisor, version=complaint.version, response="Hello")
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_reply(complaint=complaint, by=supervisor, version=complaint.version, channel="email")
    assert mail.outbox[-1].subject == f"For (C-{complaint.pk})"
