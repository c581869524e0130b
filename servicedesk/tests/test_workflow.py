"""The workflow kernel (servicedesk/lib/workflow.py), on a table of its own written here, over
the complaint models: who may, the status, the copy's version, the timeline step, and what a
person is offered."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from feedback.models import Complaint, ComplaintStep, PurchaseSuggestion
from feedback.tests.factories import ComplaintFactory
from servicedesk.lib.workflow import (
    EditConflict,
    Step,
    Workflow,
    advance,
    available,
    versioned_update,
)
from staff import roles
from staff.access import has_role

S = Complaint.Status


def supervisors(user, record) -> bool:
    return has_role(user, roles.SUPERVISOR)


def anyone(user, record) -> bool:
    return True


TABLE = Workflow(
    [
        Step("start", (S.NEW,), S.IN_PROGRESS, supervisors, "Supervisors start it.", "Only a new one; this one is {status}.", "Started"),
        Step("remark", (S.NEW, S.IN_PROGRESS), None, anyone, "", "Not now; this one is {status}.", "Remarked"),
        Step(
            "decide", (S.NEW,), S.DECIDED, supervisors, "Supervisors decide.", "Only a new one.", "Decided",
            offer=lambda complaint: bool(complaint.decision),
        ),
    ],
    step_model=ComplaintStep,
    record_field="complaint",
)


@pytest.fixture
def complaint(reference_desk, desk):
    return ComplaintFactory(service_point=reference_desk, taken_by=desk)


def unchanged(complaint, *, status=S.NEW, version=1):
    saved = Complaint.objects.get(pk=complaint.pk)
    return (saved.status, saved.version, saved.decision) == (status, version, "") and not ComplaintStep.objects.exists()


def test_a_step_moves_the_status_saves_the_changes_and_writes_the_step_with_its_note(complaint, supervisor):
    advance(TABLE, complaint, "start", by=supervisor, version=1, note="  Called the patron back. ", decision="d")
    saved = Complaint.objects.get(pk=complaint.pk)
    assert (saved.status, saved.version, saved.decision) == (S.IN_PROGRESS, 2, "d")
    assert (complaint.status, complaint.version) == (S.IN_PROGRESS, 2)
    step = ComplaintStep.objects.get()
    assert (step.complaint, step.by, step.action) == (saved, supervisor, "start")
    assert (step.from_status, step.to_status, step.note) == (S.NEW, S.IN_PROGRESS, "Called the patron back.")


def test_a_step_with_no_target_keeps_the_status(complaint, desk):
    advance(TABLE, complaint, "remark", by=desk, version=1)
    step = ComplaintStep.objects.get()
    assert (step.from_status, step.to_status) == (S.NEW, S.NEW)
    assert Complaint.objects.get(pk=complaint.pk).version == 2


def test_someone_the_row_does_not_allow_is_refused_with_its_sentence_and_nothing_changes(complaint, desk):
    with pytest.raises(PermissionDenied, match="Supervisors start it."):
        advance(TABLE, complaint, "start", by=desk, version=1, note="n")
    assert unchanged(complaint)


def test_a_step_from_the_wrong_status_is_refused_with_the_rows_sentence(complaint, supervisor):
    Complaint.objects.filter(pk=complaint.pk).update(status=S.CLOSED)
    complaint.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        advance(TABLE, complaint, "start", by=supervisor, version=1)
    assert refused.value.messages == ["Only a new one; this one is closed."]
    assert unchanged(complaint, status=S.CLOSED)


def test_a_step_from_an_older_copy_is_an_edit_conflict_and_nothing_is_saved(complaint, supervisor):
    with pytest.raises(EditConflict):
        advance(TABLE, complaint, "start", by=supervisor, version=0, note="n", decision="d")
    assert unchanged(complaint)


def test_a_save_meanwhile_that_the_copy_in_hand_missed_is_caught_by_the_database(complaint, supervisor):
    """Two saves racing from the same copy: the slower one finds the row changed."""
    Complaint.objects.filter(pk=complaint.pk).update(version=2)
    with pytest.raises(EditConflict):
        advance(TABLE, complaint, "start", by=supervisor, version=1, note="n", decision="d")
    assert unchanged(complaint, version=2)
    assert complaint.version == 1


def test_a_note_too_long_is_refused_on_the_forms_field_before_anything_is_saved(complaint, supervisor):
    with pytest.raises(ValidationError) as refused:
        advance(TABLE, complaint, "start", by=supervisor, version=1, note="x" * 4001, note_field="reason")
    assert list(refused.value.message_dict) == ["reason"]
    assert unchanged(complaint)


def test_available_lists_the_steps_this_person_may_take_now(complaint, supervisor, desk):
    assert available(TABLE, supervisor, complaint) == ["start", "remark"]
    assert available(TABLE, desk, complaint) == ["remark"]
    complaint.decision = "ready"
    assert available(TABLE, supervisor, complaint) == ["start", "remark", "decide"]
    complaint.status = S.IN_PROGRESS
    assert available(TABLE, supervisor, complaint) == ["remark"]
    complaint.status = S.CLOSED
    assert available(TABLE, supervisor, complaint) == []


def test_a_workflow_without_a_timeline_writes_no_step(reference_desk, supervisor):
    table = Workflow(
        [Step("accepted", ("pending",), "accepted", supervisors, "No.", "Not now.")], step_model=None
    )
    suggestion = PurchaseSuggestion.objects.create(branch=reference_desk.branch, taken_by=supervisor, title="T")
    advance(table, suggestion, "accepted", by=supervisor, version=1)
    assert PurchaseSuggestion.objects.get(pk=suggestion.pk).status == "accepted"
    assert not ComplaintStep.objects.exists()


def test_the_versioned_update_bumps_the_version_and_refuses_an_older_one(complaint):
    versioned_update(complaint, version=1, decision="first")
    with pytest.raises(EditConflict):
        versioned_update(complaint, version=1, decision="second")
    saved = Complaint.objects.get(pk=complaint.pk)
    assert (saved.decision, saved.version) == ("first", 2)
