"""The daily digest (manage.py complaints_digest): each supervisor their branches' overdue
complaints, the Director every overdue and escalated one; nobody with nothing to act on."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from feedback.models import Complaint
from feedback.tests.factories import ComplaintFactory
from staff import roles
from staff.tests.factories import UserFactory

S = Complaint.Status
LAST_WEEK = timezone.localdate() - datetime.timedelta(days=7)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """The command as cron runs it: each e-mail leaves once its (auto)commit is done."""

    def run_command(*args):
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("complaints_digest", *args, stdout=out)
        return out.getvalue()

    return run_command


@pytest.fixture
def staff(supervisor, director, east_branch):
    for user, address in ((supervisor, "supervisor@library.example"), (director, "director@library.example")):
        user.email = address
        user.save()
    return {"east": UserFactory(username="eastsup", roles=[roles.SUPERVISOR], branches=[east_branch], email="east@library.example")}


@pytest.fixture
def queue(reference_desk, east_desk):
    return {
        "unacknowledged": ComplaintFactory(service_point=reference_desk, acknowledge_by=LAST_WEEK, contact_name="Philippa Quillfeather"),
        "unresolved": ComplaintFactory(service_point=reference_desk, status=S.IN_PROGRESS, resolve_by=LAST_WEEK),
        "on_time": ComplaintFactory(service_point=reference_desk),
        "escalated": ComplaintFactory(service_point=reference_desk, status=S.ESCALATED, resolve_by=LAST_WEEK),
        "closed_late": ComplaintFactory(service_point=reference_desk, status=S.CLOSED, resolve_by=LAST_WEEK),
        "eastside": ComplaintFactory(service_point=east_desk, status=S.ACKNOWLEDGED, resolve_by=LAST_WEEK),
    }


def sent_to(address):
    [message] = [message for message in mail.outbox if message.to == [address]]
    return message


def test_each_supervisor_gets_their_branchs_overdue_complaints(run, staff, queue):
    run()
    main = sent_to("supervisor@library.example")
    assert main.subject == "Complaints overdue at Main: 2"
    assert f"C-{queue['unacknowledged'].pk} at Main" in main.body and "acknowledgment overdue since" in main.body
    assert f"C-{queue['unresolved'].pk} at Main" in main.body and "resolution overdue since" in main.body
    for name in ("on_time", "escalated", "closed_late", "eastside"):
        assert f"C-{queue[name].pk} " not in main.body
    east = sent_to("east@library.example")
    assert east.subject == "Complaints overdue at Eastside: 1" and f"C-{queue['eastside'].pk} " in east.body


def test_the_director_gets_every_overdue_and_escalated_complaint(run, staff, queue):
    run()
    director = sent_to("director@library.example")
    assert director.subject == "Complaints: 3 overdue, 1 escalated to the Director"
    for name in ("unacknowledged", "unresolved", "escalated", "eastside"):
        assert f"C-{queue[name].pk} " in director.body
    assert f"C-{queue['on_time'].pk} " not in director.body


def test_the_digest_names_no_patron(run, staff, queue):
    run()
    for message in mail.outbox:
        assert "Quillfeather" not in message.subject + message.body
        assert "printer" not in message.body


def test_nothing_overdue_nothing_sent(run, staff, reference_desk):
    ComplaintFactory(service_point=reference_desk)
    output = run()
    assert mail.outbox == []
    assert "Sent 0 digests." in output


def test_a_dry_run_says_who_would_get_what_and_sends_nothing(run, staff, queue):
    output = run("--dry-run")
    assert mail.outbox == []
    assert "Dry run, nothing sent. 3 complaints overdue, 1 escalated." in output
    assert "Would send to supervisor: Complaints overdue at Main: 2" in output
    assert "Would send 3 digests." in output
