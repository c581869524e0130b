"""The mail server down while a complaint is taken: the complaint is saved and the request
answers as usual; its notice waits in the outbox, tried again later, and goes once the server
is back (issue 14)."""

import pytest
from django.core import mail

from feedback.models import Complaint
from feedback.tests.test_complaint_take import TAKE, complaint_data
from outbox.models import Message
from outbox.tests.helpers import ACCEPTING, REFUSING, run_worker, time_passes


@pytest.fixture
def mail_server_down(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MAILERS = REFUSING
    settings.OUTBOX_ATTEMPTS = 3


def test_a_complaint_is_saved_while_the_mail_server_refuses_and_its_notice_goes_once_it_is_back(
    mail_server_down, settings, desk_at_reference, reference_desk, supervisor, main_branch, django_capture_on_commit_callbacks
):
    supervisor.email = "supervisor@library.example"
    supervisor.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = desk_at_reference.post(TAKE, complaint_data(reference_desk))
    assert response.status_code == 302, response.content.decode()[:2000]
    complaint = Complaint.objects.get()

    run_worker()
    message = Message.objects.get()
    assert (message.status, message.attempts, message.role, message.branch) == (
        Message.Status.QUEUED, 1, Message.Role.STAFF, main_branch
    )
    assert "ConnectionRefusedError" in message.last_error
    assert mail.outbox == []

    settings.MAILERS = ACCEPTING
    time_passes()
    run_worker()
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    [sent] = mail.outbox
    assert sent.subject == f"Complaint C-{complaint.pk} at Main: new" and sent.to == ["supervisor@library.example"]
