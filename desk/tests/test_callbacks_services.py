"""The callback services: scheduling (due in open hours by default, never in the past,
assigned within the branch), every step of desk/services/callback_rules.py and its refusals,
and retention."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from desk.models import Callback, CallbackStep
from desk.services import callbacks as services
from desk.tests.factories_callbacks import CallbackFactory
from interactions.models import Interaction
from interactions.tests.factories import InteractionFactory, InteractionKindFactory
from servicedesk.lib.retention import REMOVED
from servicedesk.lib.workflow import EditConflict
from staff.models import ClosedDay, LibrarySettings
from staff.tests.factories import OpeningHoursFactory

Status = Callback.Status
MONDAY = datetime.date(2026, 11, 30)
FRIDAY = MONDAY + datetime.timedelta(days=4)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone())


def schedule(by, point, **fields):
    return services.callback_schedule(
        by=by, service_point=point, caller_name="Harold Benn", caller_phone="555-0112", need="Tax forms?", **fields
    )


@pytest.fixture
def callback(desk, reference_desk):
    return schedule(desk, reference_desk)


@pytest.fixture
def kind(db):
    return InteractionKindFactory(name="Tax forms")


# Due times ------------------------------------------------------------------------------------

@pytest.fixture
def weekday_hours(main_branch):
    """Main is open 9:00-20:00 on weekdays, closed at weekends."""
    for weekday in range(5):
        OpeningHoursFactory(branch=main_branch, weekday=weekday, opens=datetime.time(9), closes=datetime.time(20))


def test_the_default_due_time_is_two_open_hours_later(weekday_hours, reference_desk):
    assert services.default_due_at(reference_desk, at(MONDAY, 10)) == at(MONDAY, 12)


def test_a_call_taken_near_closing_is_due_the_next_morning(weekday_hours, reference_desk):
    assert services.default_due_at(reference_desk, at(MONDAY, 19, 30)) == at(MONDAY + datetime.timedelta(days=1), 10, 30)


def test_a_call_taken_on_friday_evening_is_due_on_monday(weekday_hours, reference_desk):
    assert services.default_due_at(reference_desk, at(FRIDAY, 19)) == at(FRIDAY + datetime.timedelta(days=3), 10)


def test_a_closed_day_does_not_count(weekday_hours, reference_desk):
    tuesday = MONDAY + datetime.timedelta(days=1)
    ClosedDay.objects.create(date=tuesday, name="Staff day")
    assert services.default_due_at(reference_desk, at(MONDAY, 19)) == at(tuesday + datetime.timedelta(days=1), 10)


def test_the_library_sets_how_many_open_hours(weekday_hours, reference_desk):
    library = LibrarySettings.current()
    library.callback_due_hours = 4
    library.save()
    assert services.default_due_at(reference_desk, at(MONDAY, 10)) == at(MONDAY, 14)


def test_scheduling_without_a_due_time_takes_the_default(desk, reference_desk):
    before = timezone.now()
    callback = schedule(desk, reference_desk)
    # No opening hours kept: clock hours.
    assert before + datetime.timedelta(hours=2) <= callback.due_at <= timezone.now() + datetime.timedelta(hours=2)


# Scheduling -----------------------------------------------------------------------------------

def test_scheduling_stamps_the_branch_the_taker_and_the_first_step(desk, reference_desk, main_branch):
    interaction = InteractionFactory(service_point=reference_desk, staff=desk, outcome="callback")
    callback = schedule(desk, reference_desk, interaction=interaction)
    assert (callback.branch, callback.created_by, callback.status, callback.interaction) == (
        main_branch, desk, Status.SCHEDULED, interaction
    )
    assert list(callback.steps.values_list("action", "to_status")) == [("scheduled", Status.SCHEDULED)]


def test_a_due_time_in_the_past_is_refused(desk, reference_desk):
    with pytest.raises(ValidationError) as error:
        schedule(desk, reference_desk, due_at=timezone.now() - datetime.timedelta(hours=1))
    assert "due_at" in error.value.message_dict


def test_it_may_be_assigned_to_someone_of_the_branch(desk, desk2, reference_desk):
    assert schedule(desk, reference_desk, assigned_to=desk2).assigned_to == desk2


@pytest.mark.parametrize("persona", ["eastdesk", "director", "itadmin"])
def test_it_is_not_assigned_outside_the_branchs_desk(request, desk, reference_desk, persona):
    with pytest.raises(ValidationError) as error:
        schedule(desk, reference_desk, assigned_to=request.getfixturevalue(persona))
    assert "assigned_to" in error.value.message_dict


def test_nobody_schedules_at_a_service_point_they_may_not_work_at(eastdesk, reference_desk):
    with pytest.raises(PermissionDenied):
        schedule(eastdesk, reference_desk)


def test_the_administrator_schedules_nothing(itadmin, reference_desk):
    with pytest.raises(PermissionDenied):
        schedule(itadmin, reference_desk)


def test_the_same_form_sent_twice_schedules_one_callback(desk, reference_desk):
    import uuid

    key = uuid.uuid4()
    assert schedule(desk, reference_desk, submission_key=key) == schedule(desk, reference_desk, submission_key=key)
    assert Callback.objects.count() == 1


def test_a_caller_without_a_number_is_refused(desk, reference_desk):
    with pytest.raises(ValidationError) as error:
        services.callback_schedule(by=desk, service_point=reference_desk, caller_name="Ann", caller_phone=" ", need="x")
    assert "caller_phone" in error.value.message_dict


# Done -----------------------------------------------------------------------------------------

def test_done_logs_the_call_as_a_phone_interaction_in_the_same_step(callback, desk2, kind, reference_desk):
    services.callback_done(callback=callback, by=desk2, version=callback.version, result="Forms are in.", kind=kind, duration_minutes=3)
    callback.refresh_from_db()
    call = callback.done_interaction
    assert (callback.status, callback.result) == (Status.DONE, "Forms are in.")
    assert callback.finished_at is not None
    assert (call.channel, call.service_point, call.staff, call.kind, call.duration_minutes, call.outcome) == (
        Interaction.Channel.PHONE, reference_desk, desk2, kind, 3, Interaction.Outcome.ANSWERED
    )
    assert callback.steps.last().action == "done"


def test_done_without_a_result_logs_nothing(callback, desk, kind):
    with pytest.raises(ValidationError) as error:
        services.callback_done(callback=callback, by=desk, version=callback.version, result="  ", kind=kind)
    assert "result" in error.value.message_dict
    assert not Interaction.objects.exists()


def test_done_from_an_older_copy_is_refused_and_logs_nothing(callback, desk, kind):
    with pytest.raises(EditConflict):
        services.callback_done(callback=callback, by=desk, version=callback.version - 1, result="ok", kind=kind)
    assert not Interaction.objects.exists()


def test_another_branch_cannot_do_it(callback, eastdesk, kind):
    with pytest.raises(PermissionDenied):
        services.callback_done(callback=callback, by=eastdesk, version=callback.version, result="ok", kind=kind)


def test_a_finished_callback_is_not_done_again(callback, desk, kind):
    services.callback_cancel(callback=callback, by=desk, version=callback.version, reason="Came in.")
    with pytest.raises(ValidationError, match="cancelled"):
        services.callback_done(callback=callback, by=desk, version=callback.version, result="ok", kind=kind)
    assert not Interaction.objects.exists()


# No answer ------------------------------------------------------------------------------------

def test_calls_without_an_answer_are_counted_and_the_last_one_closes_it(callback, desk, desk2):
    services.callback_no_answer(callback=callback, by=desk, version=callback.version, note="Rang out.")
    services.callback_no_answer(callback=callback, by=desk2, version=callback.version)
    assert (callback.status, callback.attempts) == (Status.SCHEDULED, 2)
    services.callback_no_answer(callback=callback, by=desk, version=callback.version)
    callback.refresh_from_db()
    assert (callback.status, callback.attempts, callback.reason) == (Status.UNANSWERED, 3, "No answer after 3 attempts.")
    assert list(callback.steps.values_list("action", flat=True)) == ["scheduled", "no_answer", "no_answer", "give_up"]


def test_the_library_sets_how_many_calls(callback, desk):
    library = LibrarySettings.current()
    library.callback_attempts = 1
    library.save()
    services.callback_no_answer(callback=callback, by=desk, version=callback.version)
    assert (callback.status, callback.reason) == (Status.UNANSWERED, "No answer after 1 attempt.")


def test_no_answer_on_a_closed_callback_is_refused(callback, desk):
    services.callback_cancel(callback=callback, by=desk, version=callback.version, reason="Came in.")
    with pytest.raises(ValidationError):
        services.callback_no_answer(callback=callback, by=desk, version=callback.version)


def test_no_answer_from_another_branch_is_refused(callback, eastdesk):
    with pytest.raises(PermissionDenied):
        services.callback_no_answer(callback=callback, by=eastdesk, version=callback.version)


# Change and cancel ----------------------------------------------------------------------------

def test_a_new_due_time_and_assignee(callback, desk2):
    later = timezone.now() + datetime.timedelta(days=1)
    services.callback_change(callback=callback, by=desk2, version=callback.version, due_at=later, assigned_to=desk2)
    callback.refresh_from_db()
    assert (callback.due_at, callback.assigned_to, callback.status) == (later, desk2, Status.SCHEDULED)


def test_a_new_due_time_in_the_past_is_refused(callback, desk):
    with pytest.raises(ValidationError) as error:
        services.callback_change(
            callback=callback, by=desk, version=callback.version,
            due_at=timezone.now() - datetime.timedelta(hours=1), assigned_to=None,
        )
    assert "due_at" in error.value.message_dict


def test_cancelling_needs_a_reason(callback, desk):
    with pytest.raises(ValidationError) as error:
        services.callback_cancel(callback=callback, by=desk, version=callback.version, reason=" ")
    assert "reason" in error.value.message_dict


def test_a_colleague_who_neither_took_it_nor_has_it_calls_rather_than_cancels(callback, desk2):
    with pytest.raises(PermissionDenied):
        services.callback_cancel(callback=callback, by=desk2, version=callback.version, reason="Not needed.")


def test_the_branchs_supervisor_cancels(callback, supervisor):
    services.callback_cancel(callback=callback, by=supervisor, version=callback.version, reason="Duplicate.")
    assert (callback.status, callback.reason) == (Status.CANCELLED, "Duplicate.")


# Retention ------------------------------------------------------------------------------------

def test_retention_clears_the_caller_and_every_free_text_of_finished_callbacks(callback, desk, kind, reference_desk):
    services.callback_no_answer(callback=callback, by=desk, version=callback.version, note="Harold's voicemail full")
    services.callback_done(callback=callback, by=desk, version=callback.version, result="Told Harold.", kind=kind)
    still_open = schedule(desk, reference_desk)
    assert services.callbacks_deidentify(before=timezone.now() + datetime.timedelta(seconds=1)) == 1
    callback.refresh_from_db()
    assert (callback.caller_name, callback.caller_phone, callback.need, callback.result) == (REMOVED, REMOVED, REMOVED, "")
    assert callback.deidentified_at is not None and callback.status == Status.DONE and callback.attempts == 1
    assert set(CallbackStep.objects.filter(callback=callback).values_list("note", flat=True)) == {""}
    still_open.refresh_from_db()
    assert still_open.caller_name == "Harold Benn"


def test_retention_waits_for_the_period(callback, desk):
    services.callback_cancel(callback=callback, by=desk, version=callback.version, reason="Came in.")
    assert services.callbacks_deidentify(before=timezone.now() - datetime.timedelta(days=1)) == 0


def test_the_retention_run_classifies_every_text_field():
    from servicedesk.lib.retention import text_fields

    assert text_fields(Callback, keep=services.KEEP[Callback]) == ["caller_name", "caller_phone", "need", "result", "reason"]
    assert text_fields(CallbackStep, keep=services.KEEP[CallbackStep]) == ["note"]


def test_the_factory_makes_a_valid_callback(db):
    CallbackFactory().full_clean()
