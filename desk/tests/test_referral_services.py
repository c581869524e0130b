"""The referral services: every transition and every refusal, the reminder counted in open
hours, the directory's writes, and retention."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from desk.models import Expert, Referral, ReferralStep, Subject
from desk.services import referrals as services
from desk.tests.factories_referrals import ExpertFactory, PlaceFactory, ReferralFactory
from interactions.tests.factories import InteractionFactory
from servicedesk.lib.retention import REMOVED
from servicedesk.lib.workflow import EditConflict
from staff.models import OpeningHours
from staff.tests.factories import OpeningHoursFactory


@pytest.fixture
def desk2_entry(desk2):
    return ExpertFactory(user=desk2, subjects=["Technology"])


def _refer(by, point, to, **fields):
    return services.referral_make(by=by, service_point=point, referred_to=to, question=fields.pop("question", "Which e-reader app?"), **fields)


# Referring -------------------------------------------------------------------------------------

def test_a_question_referred_to_a_colleague_is_theirs_to_answer(desk, desk2_entry, reference_desk):
    referral = _refer(desk, reference_desk, desk2_entry, patron_name=" Ana ", patron_contact="555-0188", subject="technology")
    assert (referral.status, referral.assigned_to, referral.branch) == ("open", desk2_entry.user, reference_desk.branch)
    assert referral.patron_name == "Ana"
    assert referral.subject == Subject.objects.get(key="technology")
    step = referral.steps.get()
    assert (step.action, step.to_expert, step.by) == ("referred", desk2_entry, desk)


def test_a_question_referred_to_a_department_is_followed_up_by_whoever_referred_it(desk, reference_desk, main_branch):
    referral = _refer(desk, reference_desk, PlaceFactory(branch=main_branch))
    assert referral.assigned_to == desk


def test_the_supervisor_is_reminded_after_the_open_hours_of_the_setting(desk, desk2_entry, reference_desk, main_branch):
    # Main opens 9-17 on weekdays: referred on a Monday at 16:00, four open hours later is
    # Tuesday 12:00.
    for weekday in range(5):
        OpeningHoursFactory(branch=main_branch, weekday=weekday, opens=datetime.time(9), closes=datetime.time(17))
    monday = timezone.make_aware(datetime.datetime(2026, 11, 30, 16))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: monday)
        referral = _refer(desk, reference_desk, desk2_entry)
    assert timezone.localtime(referral.remind_at) == timezone.make_aware(datetime.datetime(2026, 12, 1, 12))
    assert OpeningHours.objects.count() == 5


def test_a_referral_from_the_desk_takes_the_interactions_service_point(desk, desk2_entry, reference_desk, circulation_desk):
    interaction = InteractionFactory(service_point=circulation_desk, staff=desk, note="e-books")
    referral = _refer(desk, reference_desk, desk2_entry, interaction=interaction)
    assert (referral.interaction, referral.service_point) == (interaction, circulation_desk)


def test_a_question_is_referred_once(desk, desk2_entry, reference_desk):
    interaction = InteractionFactory(service_point=reference_desk, staff=desk)
    _refer(desk, reference_desk, desk2_entry, interaction=interaction)
    with pytest.raises(ValidationError, match="already referred"):
        _refer(desk, reference_desk, desk2_entry, interaction=interaction)


def test_the_same_form_sent_twice_refers_once(desk, desk2_entry, reference_desk):
    import uuid

    key = uuid.uuid4()
    first = _refer(desk, reference_desk, desk2_entry, submission_key=key)
    assert _refer(desk, reference_desk, desk2_entry, submission_key=key) == first
    assert Referral.objects.count() == 1


def test_a_colleagues_interaction_cannot_be_referred_by_desk_staff(desk, desk2, desk2_entry, reference_desk):
    theirs = InteractionFactory(service_point=reference_desk, staff=desk2)
    with pytest.raises(PermissionDenied):
        _refer(desk, reference_desk, ExpertFactory(subjects=["Maps"], user__roles=["Desk staff"]), interaction=theirs)


def test_refused_at_another_branchs_service_point(desk, desk2_entry, east_desk):
    with pytest.raises(PermissionDenied):
        _refer(desk, east_desk, desk2_entry)


def test_the_administrator_refers_nothing(itadmin, desk2_entry, reference_desk):
    with pytest.raises(PermissionDenied):
        _refer(itadmin, reference_desk, desk2_entry)


def test_a_question_is_required(desk, desk2_entry, reference_desk):
    with pytest.raises(ValidationError) as refused:
        _refer(desk, reference_desk, desk2_entry, question="  ")
    assert "question" in refused.value.message_dict


def test_not_to_oneself(desk2, desk2_entry, reference_desk):
    with pytest.raises(ValidationError, match="That is you"):
        _refer(desk2, reference_desk, desk2_entry)


def test_not_to_an_entry_taken_out_of_the_directory(desk, desk2_entry, reference_desk):
    desk2_entry.is_listed = False
    desk2_entry.save()
    with pytest.raises(ValidationError, match="no longer in the directory"):
        _refer(desk, reference_desk, desk2_entry)


def test_not_to_someone_who_no_longer_works_at_the_desk(desk, desk2, desk2_entry, reference_desk):
    desk2.is_active = False
    desk2.save()
    with pytest.raises(ValidationError, match="no longer works at the desk"):
        _refer(desk, reference_desk, desk2_entry)


# Answering -------------------------------------------------------------------------------------

@pytest.fixture
def referral(desk, desk2_entry, reference_desk):
    return _refer(desk, reference_desk, desk2_entry)


def test_the_person_it_is_referred_to_answers_it_and_it_closes(desk2, referral):
    services.referral_answer(referral=referral, by=desk2, version=referral.version, answer=" Use Libby. ", answered_by="phone", note="called")
    referral.refresh_from_db()
    assert (referral.status, referral.answer, referral.answered_by) == ("answered", "Use Libby.", "phone")
    assert referral.answered_at is not None
    assert referral.steps.last().note == "called"


@pytest.mark.parametrize("persona", ["desk", "supervisor", "director"])
def test_nobody_else_answers_it(request, persona, referral):
    with pytest.raises(PermissionDenied):
        services.referral_answer(referral=referral, by=request.getfixturevalue(persona), version=referral.version, answer="x", answered_by="phone")


def test_an_answer_needs_the_text_and_how_it_was_given(desk2, referral):
    with pytest.raises(ValidationError) as refused:
        services.referral_answer(referral=referral, by=desk2, version=referral.version, answer="", answered_by="pigeon")
    assert set(refused.value.message_dict) == {"answer", "answered_by"}


def test_an_answered_referral_is_not_answered_again(desk2, referral):
    services.referral_answer(referral=referral, by=desk2, version=referral.version, answer="Libby", answered_by="phone")
    with pytest.raises(ValidationError, match="already answered"):
        services.referral_answer(referral=referral, by=desk2, version=referral.version, answer="again", answered_by="phone")


def test_an_answer_from_an_older_copy_is_refused(desk2, referral):
    with pytest.raises(EditConflict):
        services.referral_answer(referral=referral, by=desk2, version=referral.version - 1, answer="x", answered_by="phone")


# Passing it on ---------------------------------------------------------------------------------

def test_passed_on_it_goes_to_the_next_person_and_stays_open(desk2, supervisor, referral):
    grace = ExpertFactory(user=supervisor, subjects=["Legal forms"])
    services.referral_pass_on(referral=referral, by=desk2, version=referral.version, to=grace, note="she knows")
    referral.refresh_from_db()
    assert (referral.status, referral.assigned_to, referral.referred_to) == ("open", supervisor, grace)
    assert list(referral.steps.values_list("action", "to_expert")) == [("referred", referral.steps.first().to_expert_id), ("pass_on", grace.pk)]


def test_the_supervisor_passes_on_one_that_waits(supervisor, desk, referral, main_branch):
    department = PlaceFactory(branch=main_branch)
    services.referral_pass_on(referral=referral, by=supervisor, version=referral.version, to=department)
    referral.refresh_from_db()
    assert (referral.referred_to, referral.assigned_to) == (department, supervisor)


@pytest.mark.parametrize("persona", ["desk", "eastdesk"])
def test_others_may_not_pass_it_on(request, persona, referral, main_branch):
    with pytest.raises(PermissionDenied):
        services.referral_pass_on(referral=referral, by=request.getfixturevalue(persona), version=referral.version, to=PlaceFactory(branch=main_branch))


def test_not_passed_on_to_whoever_has_it(desk2, referral, desk2_entry, supervisor):
    with pytest.raises(ValidationError, match="That is you"):
        services.referral_pass_on(referral=referral, by=desk2, version=referral.version, to=desk2_entry)
    with pytest.raises(ValidationError, match="already with"):
        services.referral_pass_on(referral=referral, by=supervisor, version=referral.version, to=desk2_entry)


def test_an_answered_referral_is_not_passed_on(desk2, referral, main_branch):
    services.referral_answer(referral=referral, by=desk2, version=referral.version, answer="Libby", answered_by="phone")
    with pytest.raises(ValidationError, match="nothing to pass on"):
        services.referral_pass_on(referral=referral, by=desk2, version=referral.version, to=PlaceFactory(branch=main_branch))


# The directory ---------------------------------------------------------------------------------

def test_a_staff_member_lists_their_subjects_once_each(desk):
    Subject.objects.create(name="Genealogy", key="genealogy")
    entry = services.directory_entry_save_own(by=desk, subjects="généalogie, genealogy; Local  history, genealogy", how_to_reach="ext. 214")
    assert sorted(entry.subjects.values_list("name", flat=True)) == ["Genealogy", "Local history", "généalogie"]
    again = services.directory_entry_save_own(by=desk, subjects="Spanish")
    assert again.pk == entry.pk and list(again.subjects.values_list("name", flat=True)) == ["Spanish"]


def test_a_subject_too_long_is_refused(desk):
    with pytest.raises(ValidationError, match="80 characters"):
        services.directory_entry_save_own(by=desk, subjects="x" * 81)


def test_the_administrator_has_no_entry(itadmin):
    with pytest.raises(PermissionDenied):
        services.directory_entry_save_own(by=itadmin, subjects="printers")


def test_supervisors_list_departments_of_their_branch_only(supervisor, main_branch, east_branch):
    entry = services.directory_place_add(by=supervisor, kind="partner", name="County  Law Library", branch=main_branch, subjects="legal forms")
    assert (entry.kind, entry.name, entry.branch) == (Expert.Kind.PARTNER, "County Law Library", main_branch)
    with pytest.raises(PermissionDenied):
        services.directory_place_add(by=supervisor, kind="department", name="Eastside Archive", branch=east_branch, subjects="maps")


def test_desk_staff_do_not_list_departments(desk, main_branch):
    with pytest.raises(PermissionDenied):
        services.directory_place_add(by=desk, kind="department", name="Archive", branch=main_branch, subjects="maps")


def test_a_department_needs_a_name(supervisor, main_branch):
    with pytest.raises(ValidationError, match="Name the department"):
        services.directory_place_add(by=supervisor, kind="department", name=" ", branch=main_branch, subjects="maps")


def test_a_staff_entry_is_not_edited_as_a_department(supervisor, desk2_entry):
    with pytest.raises(PermissionDenied):
        services.directory_place_edit(entry=desk2_entry, by=supervisor, name="x", subjects="")


# Retention -------------------------------------------------------------------------------------

def test_answered_referrals_past_the_period_lose_every_free_text(desk2, referral):
    services.referral_pass_on(referral=referral, by=desk2, version=referral.version, to=PlaceFactory(branch=referral.branch), note="to the room")
    referral.refresh_from_db()
    services.referral_answer(referral=referral, by=desk2, version=referral.version, answer="Libby", answered_by="email", note="mailed")
    open_one = ReferralFactory()
    later = timezone.now() + datetime.timedelta(days=1)
    assert list(services.referrals_to_deidentify(before=later)) == [referral]
    assert services.referrals_deidentify(before=later) == 1
    referral.refresh_from_db()
    assert (referral.question, referral.patron_name, referral.patron_contact, referral.answer) == (REMOVED, "", "", "")
    assert (referral.status, referral.answered_by) == ("answered", "email")
    assert referral.deidentified_at is not None
    assert set(ReferralStep.objects.filter(referral=referral).values_list("note", flat=True)) == {""}
    open_one.refresh_from_db()
    assert open_one.question != REMOVED


def test_recently_touched_referrals_are_kept(desk2, referral):
    services.referral_answer(referral=referral, by=desk2, version=referral.version, answer="Libby", answered_by="email")
    assert services.referrals_deidentify(before=timezone.now() - datetime.timedelta(days=1)) == 0
