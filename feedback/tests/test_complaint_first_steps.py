"""When a complaint's timeline first took the steps the reports measure (acknowledged, first
resolved or escalated, escalated, decided), kept on the complaint: written by the workflow
with the step, equal to what the steps themselves say (the first of each), after every
transition, after de-identification, and as the rebuild command and the migration count them
again from the timelines."""

import datetime
from importlib import import_module
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from feedback.models import Complaint, ComplaintStep
from feedback.services import complaints as services
from feedback.services.complaint_rules import FIRST_STEPS, count_first_steps
from feedback.tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db
FIELDS = list(FIRST_STEPS)


def from_the_steps(complaint: Complaint) -> dict:
    """The raw answer: for each field, the time of the first step of its actions, or None."""
    steps = list(ComplaintStep.objects.filter(complaint=complaint).order_by("at", "pk"))
    return {
        field: next((step.at for step in steps if step.action in actions), None)
        for field, actions in FIRST_STEPS.items()
    }


def kept(complaint: Complaint) -> dict:
    return Complaint.objects.filter(pk=complaint.pk).values(*FIELDS).get()


def take(desk, reference_desk):
    return services.complaint_take(by=desk, service_point=reference_desk, what_happened="The printer ate my pages.")


def step(action, complaint, **fields):
    getattr(services, f"complaint_{action}")(complaint=complaint, version=complaint.version, **fields)
    complaint.refresh_from_db()
    return complaint


def test_a_new_complaint_has_taken_no_measured_step(desk, reference_desk):
    assert kept(take(desk, reference_desk)) == dict.fromkeys(FIELDS)


def test_a_reopened_complaint_keeps_its_first_resolution(desk, supervisor, reference_desk):
    complaint = take(desk, reference_desk)
    step("acknowledge", complaint, by=supervisor)
    step("resolve", complaint, by=supervisor)
    first = ComplaintStep.objects.get(complaint=complaint, action="resolve").at
    step("reopen", complaint, by=supervisor, reason="The patron came back.")
    step("resolve", complaint, by=supervisor)
    step("close", complaint, by=supervisor)
    assert ComplaintStep.objects.filter(complaint=complaint, action="resolve").count() == 2
    assert kept(complaint) == from_the_steps(complaint)
    assert kept(complaint)["settled_at"] == first
    assert kept(complaint)["acknowledged_at"] == ComplaintStep.objects.get(complaint=complaint, action="acknowledge").at
    assert (complaint.escalated_at, complaint.decided_at) == (None, None)


def test_an_escalation_settles_it_and_the_directors_decision_is_kept(desk, supervisor, director, reference_desk):
    complaint = take(desk, reference_desk)
    step("acknowledge", complaint, by=supervisor)
    step("start", complaint, by=supervisor)
    step("escalate", complaint, by=supervisor, reason="Wants the Director.")
    escalated = ComplaintStep.objects.get(complaint=complaint, action="escalate").at
    step("decide", complaint, by=director, decision="Fees waived.")
    step("reopen", complaint, by=director, reason="Another look.")
    step("escalate", complaint, by=supervisor, reason="Again.")
    assert kept(complaint) == from_the_steps(complaint)
    assert kept(complaint)["settled_at"] == kept(complaint)["escalated_at"] == escalated
    assert kept(complaint)["decided_at"] == ComplaintStep.objects.get(complaint=complaint, action="decide").at


def test_a_refused_step_keeps_nothing(desk, supervisor, reference_desk):
    complaint = take(desk, reference_desk)
    with pytest.raises(Exception, match="Only an acknowledged complaint"):
        step("resolve", complaint, by=supervisor)
    assert kept(complaint) == dict.fromkeys(FIELDS)


def test_de_identification_keeps_them(desk, supervisor, reference_desk):
    complaint = take(desk, reference_desk)
    step("acknowledge", complaint, by=supervisor)
    step("resolve", complaint, by=supervisor)
    step("close", complaint, by=supervisor)
    before = kept(complaint)
    ComplaintStep.objects.filter(complaint=complaint).update(at=timezone.now() - datetime.timedelta(days=800))
    Complaint.objects.filter(pk=complaint.pk).update(received_at=timezone.now() - datetime.timedelta(days=801))
    assert services.complaints_deidentify(before=timezone.now() - datetime.timedelta(days=365)) == 1
    assert Complaint.objects.get(pk=complaint.pk).deidentified_at is not None
    assert kept(complaint) == before


def written_without_the_workflow(desk, reference_desk):
    """Complaints whose steps were written directly (an import, SQL by hand): nothing kept yet."""
    received = timezone.now() - datetime.timedelta(days=10)
    timelines = [
        [("acknowledge", 2), ("resolve", 24), ("reopen", 30), ("resolve", 72), ("close", 80)],
        [("acknowledge", 84), ("escalate", 144), ("decide", 192)],
        [("acknowledge", 12)],
        [],
    ]
    made = []
    for timeline in timelines:
        complaint = ComplaintFactory(service_point=reference_desk, received_at=received, taken_by=desk)
        for action, hours in timeline:
            ComplaintStep.objects.create(
                complaint=complaint, by=desk, action=action, at=received + datetime.timedelta(hours=hours)
            )
        made.append(complaint)
    return made


def test_counting_again_from_the_steps_equals_the_raw_answer(desk, reference_desk):
    made = written_without_the_workflow(desk, reference_desk)
    assert count_first_steps(Complaint.objects.all()) == len(made)
    for complaint in made:
        assert kept(complaint) == from_the_steps(complaint)
    assert kept(made[0])["settled_at"] == made[0].received_at + datetime.timedelta(hours=24)
    assert kept(made[3]) == dict.fromkeys(FIELDS)


def test_the_rebuild_command_counts_them_again_and_a_dry_run_changes_nothing(desk, reference_desk):
    made = written_without_the_workflow(desk, reference_desk)
    out = StringIO()
    call_command("rebuild_complaint_times", "--dry-run", stdout=out)
    assert "would count 4 complaints" in out.getvalue()
    assert kept(made[0]) == dict.fromkeys(FIELDS)
    call_command("rebuild_complaint_times", stdout=out)
    assert "Counted 4 complaints" in out.getvalue()
    for complaint in made:
        assert kept(complaint) == from_the_steps(complaint)


def test_the_rebuild_equals_what_the_workflow_kept(desk, supervisor, director, reference_desk):
    complaint = take(desk, reference_desk)
    step("acknowledge", complaint, by=supervisor)
    step("escalate", complaint, by=supervisor, reason="Wants the Director.")
    step("decide", complaint, by=director, decision="Fees waived.")
    before = kept(complaint)
    call_command("rebuild_complaint_times", stdout=StringIO())
    assert kept(complaint) == before


def test_the_migration_fills_the_complaints_before_it(desk, reference_desk):
    made = written_without_the_workflow(desk, reference_desk)
    import_module("feedback.migrations.0011_complaint_first_steps").fill(apps, None)
    for complaint in made:
        assert kept(complaint) == from_the_steps(complaint)
