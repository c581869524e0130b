"""The complaint services, called directly: taking one, every step of its lifecycle, every
refused step with the reason it gives, assignment, the response and the edit conflict."""

import datetime
import uuid

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from feedback.models import Complaint, ComplaintStep, Reply
from feedback.services import complaint_letters, complaint_rules
from feedback.services import complaints as services
from feedback.tests.factories import ComplaintFactory
from patrons.tests.factories import PatronFactory
from servicedesk.lib.workflow import EditConflict, available
from staff import roles
from staff.models import ClosedDay, LibrarySettings
from staff.tests.factories import UserFactory

S = Complaint.Status
MONDAY = datetime.date(2026, 11, 23)
FRIDAY = datetime.date(2026, 11, 27)


@pytest.fixture
def today_is(monkeypatch):
    def set_today(day):
        monkeypatch.setattr(services.timezone, "localdate", lambda *args: day)

    return set_today


def take(by, service_point, **fields):
    return services.complaint_take(by=by, service_point=service_point, what_happened="Nobody answered the phone.", **fields)


@pytest.fixture
def complaint(desk, reference_desk):
    return take(desk, reference_desk, contact_name="Ann Patron", contact_email="ann@example.org", wants_reply=True)


def at(status, service_point, **fields):
    return ComplaintFactory(status=status, service_point=service_point, **fields)


# Taking a complaint --------------------------------------------------------------------------

def test_taking_a_complaint_sets_its_branch_status_and_first_step(desk, reference_desk, main_branch):
    complaint = take(desk, reference_desk, wants_director=True, policy_reference="Internet use")
    assert (complaint.branch, complaint.status, complaint.taken_by, complaint.wants_director) == (
        main_branch, S.NEW, desk, True
    )
    assert list(complaint.steps.values_list("action", "by")) == [("taken", desk.pk)]


def test_deadlines_count_business_days_from_today(today_is, desk, reference_desk):
    today_is(MONDAY)
    complaint = take(desk, reference_desk)
    assert complaint.acknowledge_by == datetime.date(2026, 11, 25)  # Wednesday
    assert complaint.resolve_by == datetime.date(2026, 12, 7)  # two weeks on, Monday


def test_deadlines_skip_the_weekend(today_is, desk, reference_desk):
    today_is(FRIDAY)
    complaint = take(desk, reference_desk)
    assert complaint.acknowledge_by == datetime.date(2026, 12, 1)  # Tuesday
    assert complaint.resolve_by == datetime.date(2026, 12, 11)


def test_deadlines_skip_the_librarys_closed_days(today_is, desk, reference_desk):
    ClosedDay.objects.create(date=datetime.date(2026, 11, 30), name="Staff training")
    today_is(FRIDAY)
    complaint = take(desk, reference_desk)
    assert complaint.acknowledge_by == datetime.date(2026, 12, 2)  # Wednesday: Monday was closed
    assert complaint.resolve_by == datetime.date(2026, 12, 14)


def test_the_librarys_settings_decide_the_deadlines(today_is, desk, reference_desk):
    LibrarySettings.objects.update_or_create(pk=1, defaults={"complaint_acknowledge_days": 1, "complaint_resolve_days": 3})
    today_is(MONDAY)
    complaint = take(desk, reference_desk)
    assert (complaint.acknowledge_by, complaint.resolve_by) == (datetime.date(2026, 11, 24), datetime.date(2026, 11, 26))


def test_the_same_form_sent_twice_takes_one_complaint(desk, reference_desk):
    key = uuid.uuid4()
    first = take(desk, reference_desk, submission_key=key)
    second = take(desk, reference_desk, submission_key=key)
    assert first.pk == second.pk
    assert Complaint.objects.count() == 1


def test_desk_staff_take_complaints_only_at_their_own_branch(desk, east_desk):
    with pytest.raises(PermissionDenied):
        take(desk, east_desk)
    assert not Complaint.objects.exists()


def test_the_administrator_takes_no_complaints(itadmin, reference_desk):
    with pytest.raises(PermissionDenied):
        take(itadmin, reference_desk)


def test_a_patron_who_wants_an_answer_needs_a_way_to_be_answered(desk, reference_desk):
    with pytest.raises(ValidationError) as refused:
        take(desk, reference_desk, contact_name="Ann", wants_reply=True)
    assert "give an e-mail address, a phone number or a postal address" in str(refused.value.message_dict["wants_reply"])
    assert take(desk, reference_desk, patron=PatronFactory(), wants_reply=True).wants_reply


def test_what_happened_is_required_and_cannot_be_in_the_future(desk, reference_desk):
    with pytest.raises(ValidationError) as refused:
        services.complaint_take(
            by=desk,
            service_point=reference_desk,
            what_happened="  ",
            occurred_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    errors = refused.value.message_dict
    assert "Write down what happened" in errors["what_happened"][0]
    assert "cannot have happened in the future" in errors["occurred_on"][0]


# The lifecycle ----------------------------------------------------------------------------------

def test_acknowledge_start_resolve_close(complaint, supervisor):
    services.complaint_acknowledge(complaint=complaint, by=supervisor, version=complaint.version, note="Called her back")
    services.complaint_start(complaint=complaint, by=supervisor, version=complaint.version)
    services.complaint_resolve(complaint=complaint, by=supervisor, version=complaint.version, note="Phone fixed")
    services.complaint_close(complaint=complaint, by=supervisor, version=complaint.version)
    complaint.refresh_from_db()
    assert complaint.status == S.CLOSED
    steps = list(complaint.steps.values_list("action", "from_status", "to_status", "by", "note"))
    assert steps == [
        ("taken", "", "", complaint.taken_by_id, ""),
        ("acknowledge", S.NEW, S.ACKNOWLEDGED, supervisor.pk, "Called her back"),
        ("start", S.ACKNOWLEDGED, S.IN_PROGRESS, supervisor.pk, ""),
        ("resolve", S.IN_PROGRESS, S.RESOLVED, supervisor.pk, "Phone fixed"),
        ("close", S.RESOLVED, S.CLOSED, supervisor.pk, ""),
    ]
    assert complaint.version == 5


def test_escalate_decide_close(complaint, supervisor, director):
    services.complaint_acknowledge(complaint=complaint, by=supervisor, version=complaint.version)
    services.complaint_escalate(complaint=complaint, by=supervisor, version=complaint.version, reason="Wants the Director")
    services.complaint_decide(complaint=complaint, by=director, version=complaint.version, decision="Fees waived.")
    services.complaint_close(complaint=complaint, by=director, version=complaint.version)
    complaint.refresh_from_db()
    assert (complaint.status, complaint.decision) == (S.CLOSED, "Fees waived.")
    assert complaint.steps.get(action="escalate").note == "Wants the Director"


@pytest.mark.parametrize("status", [S.RESOLVED, S.DECIDED, S.CLOSED])
def test_a_finished_complaint_is_reopened_with_a_reason(status, reference_desk, supervisor):
    complaint = at(status, reference_desk)
    services.complaint_reopen(complaint=complaint, by=supervisor, version=complaint.version, reason="She came back")
    complaint.refresh_from_db()
    assert complaint.status == S.IN_PROGRESS
    assert complaint.steps.get().note == "She came back"


def test_an_acknowledged_complaint_can_be_resolved_without_starting_work(reference_desk, supervisor):
    complaint = at(S.ACKNOWLEDGED, reference_desk)
    services.complaint_resolve(complaint=complaint, by=supervisor, version=complaint.version)
    assert complaint.status == S.RESOLVED


REFUSALS = {
    "acknowledge": "Only a new complaint can be acknowledged",
    "start": "Only an acknowledged complaint can be started",
    "resolve": "Only an acknowledged complaint or one in progress can be resolved",
    "escalate": "Only an acknowledged complaint or one in progress can be escalated to the Director",
    "decide": "Only a complaint escalated to the Director can be decided",
    "close": "Only a resolved or decided complaint can be closed",
    "reopen": "Only a resolved, decided or closed complaint can be reopened",
}
# The steps that move the status (assign and respond keep it; see their own tests).
MOVES = {name: step for name, step in complaint_rules.WORKFLOW.steps.items() if step.target}
ARGUMENTS = {"escalate": {"reason": "r"}, "reopen": {"reason": "r"}, "decide": {"decision": "d"}}
REFUSED = [
    (action, status)
    for action, transition in MOVES.items()
    for status in S.values
    if status not in transition.sources
]


@pytest.mark.parametrize("action, status", REFUSED)
def test_every_refused_step_says_why_and_changes_nothing(action, status, reference_desk, director):
    complaint = at(status, reference_desk)
    service = getattr(services, f"complaint_{action}")
    with pytest.raises(ValidationError) as refused:
        service(complaint=complaint, by=director, version=complaint.version, **ARGUMENTS.get(action, {}))
    assert refused.value.messages == [f"{REFUSALS[action]}; this one is {complaint_rules.status_in_a_sentence(status)}."]
    complaint.refresh_from_db()
    assert (complaint.status, complaint.version) == (status, 1)
    assert not ComplaintStep.objects.exists()


def test_the_transition_table_covers_every_service():
    assert set(REFUSALS) == set(MOVES)


def test_a_refusal_reads_as_a_sentence(reference_desk, supervisor):
    complaint = at(S.ESCALATED, reference_desk)
    with pytest.raises(ValidationError) as refused:
        services.complaint_acknowledge(complaint=complaint, by=supervisor, version=1)
    assert refused.value.messages == ["Only a new complaint can be acknowledged; this one is escalated to the Director."]


@pytest.mark.parametrize("action, field, message", [
    ("escalate", "reason", "Say why it goes to the Director."),
    ("reopen", "reason", "Say why it is reopened."),
    ("decide", "decision", "Write the Director's decision."),
])
def test_escalating_reopening_and_deciding_need_their_text(action, field, message, reference_desk, director):
    status = {"escalate": S.IN_PROGRESS, "reopen": S.RESOLVED, "decide": S.ESCALATED}[action]
    complaint = at(status, reference_desk)
    with pytest.raises(ValidationError) as refused:
        getattr(services, f"complaint_{action}")(complaint=complaint, by=director, version=1, **{field: "   "})
    assert refused.value.message_dict == {field: [message]}
    complaint.refresh_from_db()
    assert complaint.status == status


def test_only_the_director_decides(reference_desk, supervisor):
    complaint = at(S.ESCALATED, reference_desk)
    with pytest.raises(PermissionDenied, match="Only the Director"):
        services.complaint_decide(complaint=complaint, by=supervisor, version=1, decision="Mine")
    complaint.refresh_from_db()
    assert (complaint.status, complaint.decision) == (S.ESCALATED, "")


def test_desk_staff_do_not_work_on_complaints(complaint, desk):
    with pytest.raises(PermissionDenied, match="supervisor of the complaint's branch"):
        services.complaint_acknowledge(complaint=complaint, by=desk, version=complaint.version)


def test_a_supervisor_of_another_branch_does_not_work_on_it(complaint, east_branch):
    east_supervisor = UserFactory(roles=[roles.SUPERVISOR], branches=[east_branch])
    with pytest.raises(PermissionDenied):
        services.complaint_acknowledge(complaint=complaint, by=east_supervisor, version=complaint.version)
    complaint.refresh_from_db()
    assert complaint.status == S.NEW


def test_a_step_from_an_older_copy_is_refused_and_changes_nothing(complaint, supervisor, director):
    opened = complaint.version
    services.complaint_acknowledge(complaint=complaint, by=supervisor, version=opened)
    stale = Complaint.objects.get(pk=complaint.pk)
    stale.version = opened  # as the other page still has it
    with pytest.raises(EditConflict):
        services.complaint_respond(complaint=stale, by=director, version=opened, response="Overwrite")
    complaint.refresh_from_db()
    assert (complaint.response, complaint.version) == ("", opened + 1)


def test_the_version_is_checked_in_the_database_too(complaint, supervisor):
    """Two saves racing from the same copy: the slower one finds the row changed."""
    Complaint.objects.filter(pk=complaint.pk).update(version=complaint.version + 1)
    with pytest.raises(EditConflict):
        services.complaint_acknowledge(complaint=complaint, by=supervisor, version=complaint.version)
    assert Complaint.objects.get(pk=complaint.pk).status == S.NEW


# Assignment ---------------------------------------------------------------------------------

def test_assigning_to_a_supervisor_of_the_branch_and_reassigning(complaint, supervisor, director, main_branch):
    other = UserFactory(roles=[roles.SUPERVISOR], branches=[main_branch])
    services.complaint_assign(complaint=complaint, by=director, version=complaint.version, assignee=supervisor)
    services.complaint_assign(complaint=complaint, by=supervisor, version=complaint.version, assignee=other, note="On leave")
    complaint.refresh_from_db()
    assert complaint.assigned_to == other
    assert list(complaint.steps.filter(action="assign").values_list("assignee", "note")) == [
        (supervisor.pk, ""),
        (other.pk, "On leave"),
    ]


def test_the_assignees_are_the_active_supervisors_of_the_branch(complaint, supervisor, desk2, main_branch, east_branch):
    UserFactory(roles=[roles.SUPERVISOR], branches=[east_branch])
    UserFactory(roles=[roles.SUPERVISOR], branches=[main_branch], is_active=False)
    assert list(complaint_letters.complaint_assignees(complaint)) == [supervisor]


@pytest.mark.parametrize("who", ["desk2", "east_supervisor", "retired_supervisor"])
def test_assigning_to_anyone_else_is_refused(who, complaint, supervisor, desk2, main_branch, east_branch):
    assignee = {
        "desk2": desk2,
        "east_supervisor": UserFactory(roles=[roles.SUPERVISOR], branches=[east_branch]),
        "retired_supervisor": UserFactory(roles=[roles.SUPERVISOR], branches=[main_branch], is_active=False),
    }[who]
    with pytest.raises(ValidationError) as refused:
        services.complaint_assign(complaint=complaint, by=supervisor, version=complaint.version, assignee=assignee)
    assert refused.value.message_dict == {"assignee": ["Choose a supervisor of Main from the list."]}
    complaint.refresh_from_db()
    assert complaint.assigned_to is None


def test_a_closed_complaint_is_not_assigned(reference_desk, supervisor):
    complaint = at(S.CLOSED, reference_desk)
    with pytest.raises(ValidationError, match="A closed complaint cannot be assigned: reopen it first."):
        services.complaint_assign(complaint=complaint, by=supervisor, version=1, assignee=supervisor)


# The response -----------------------------------------------------------------------------------

def test_a_draft_is_saved_and_nothing_is_sent(complaint, supervisor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_respond(complaint=complaint, by=supervisor, version=complaint.version, response=" Dear Ann ")
    complaint.refresh_from_db()
    assert complaint.response == "Dear Ann"
    assert mail.outbox == [] and not Reply.objects.exists()


def test_the_response_is_sent_by_email_to_the_patron(complaint, supervisor, django_capture_on_commit_callbacks):
    services.complaint_respond(complaint=complaint, by=supervisor, version=complaint.version, response="Dear Ann, sorry.")
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.complaint_reply(complaint=complaint, by=supervisor, version=complaint.version, channel="email")
    [sent] = mail.outbox
    assert sent.to == ["ann@example.org"] and sent.body.startswith("Dear Ann, sorry.\n\n")
    assert sent.subject == f"Our response to your comments (reference {complaint.reference})"
    assert (reply.complaint, reply.channel, reply.body, reply.sent_to, reply.by) == (
        complaint, "email", sent.body, "ann@example.org", supervisor
    )


def test_without_a_contact_address_the_linked_patrons_email_is_used(desk, reference_desk, supervisor, django_capture_on_commit_callbacks):
    complaint = take(desk, reference_desk, patron=PatronFactory(email="card@example.org"))
    services.complaint_respond(complaint=complaint, by=supervisor, version=complaint.version, response="Hello")
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_reply(complaint=complaint, by=supervisor, version=complaint.version, channel="email")
    assert mail.outbox[0].to == ["card@example.org"]


@pytest.mark.parametrize("channel", ["in_person", "phone", "letter"])
def test_a_response_given_otherwise_is_recorded_and_nothing_is_sent(channel, complaint, supervisor, django_capture_on_commit_callbacks):
    services.complaint_respond(complaint=complaint, by=supervisor, version=complaint.version, response="Hello")
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_reply(complaint=complaint, by=supervisor, version=complaint.version, channel=channel)
    assert mail.outbox == []
    assert Reply.objects.get().channel == channel


def test_nothing_to_send_until_the_response_is_written(complaint, supervisor):
    with pytest.raises(ValidationError) as refused:
        services.complaint_reply(complaint=complaint, by=supervisor, version=complaint.version, channel="in_person")
    assert refused.value.message_dict == {"response": ["Write the response first, then send it."]}


def test_no_email_without_an_address(desk, reference_desk, supervisor):
    complaint = take(desk, reference_desk, contact_phone="555-0100")
    services.complaint_respond(complaint=complaint, by=supervisor, version=complaint.version, response="Hello")
    with pytest.raises(ValidationError, match="no e-mail address for this patron"):
        services.complaint_reply(complaint=complaint, by=supervisor, version=complaint.version, channel="email")
    assert not Reply.objects.exists()


def test_a_closed_complaint_gets_no_new_response(reference_desk, supervisor):
    complaint = at(S.CLOSED, reference_desk)
    with pytest.raises(ValidationError, match="reopen it to write to the patron again"):
        services.complaint_respond(complaint=complaint, by=supervisor, version=1, response="Hello")


def test_templates_are_filled_with_name_reference_and_branch(complaint):
    draft = complaint_letters.draft_from_template(complaint, "complaint_acknowledge", by=complaint.taken_by)
    assert draft.startswith("Dear Ann Patron,")
    assert f"(reference C-{complaint.pk})" in draft and "experience at Main" in draft
    assert "{" not in draft


def test_other_braces_in_a_response_stay_as_written(complaint):
    assert complaint_letters.fill_in("{name}: {not a placeholder} {reference}", complaint) == f"Ann Patron: {{not a placeholder}} C-{complaint.pk}"


# What each person may do next -------------------------------------------------------------------

@pytest.mark.parametrize("status, actions", [
    (S.NEW, ["acknowledge", "assign", "respond"]),
    (S.ACKNOWLEDGED, ["start", "resolve", "escalate", "assign", "respond"]),
    (S.IN_PROGRESS, ["resolve", "escalate", "assign", "respond"]),
    (S.ESCALATED, ["assign", "respond"]),
    (S.RESOLVED, ["close", "reopen", "assign", "respond"]),
    (S.DECIDED, ["close", "reopen", "assign", "respond"]),
    (S.CLOSED, ["reopen"]),
])
def test_the_supervisor_is_offered_the_steps_the_table_allows(status, actions, reference_desk, supervisor, director, desk):
    complaint = at(status, reference_desk, taken_by=desk)
    assert available(complaint_rules.WORKFLOW, supervisor, complaint) == actions
    assert available(complaint_rules.WORKFLOW, desk, complaint) == []
    director_actions = available(complaint_rules.WORKFLOW, director, complaint)
    assert ("decide" in director_actions) == (status == S.ESCALATED)
