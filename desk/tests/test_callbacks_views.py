"""The callback pages by role: the list and its filters, scheduling one (directly and from the
desk form's "callback scheduled"), a callback's page and its steps, and the console's
section; with bad input, refusals, the access record and query counts."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from desk.models import Callback
from desk.tests.factories_callbacks import CallbackFactory
from desk.tests.test_live import LIVE_QUERIES_SUPERVISOR
from interactions.models import Interaction, InteractionKind
from interactions.tests.factories import InteractionFactory
from interactions.tests.test_log import form_data
from patrons.tests.factories import PatronFactory
from staff.models import AccessRecord

LIST = reverse("desk:callbacks")
NEW = reverse("desk:callback_new")
LIVE = reverse("desk:live")
READ = AccessRecord.Action.READ_CONFIDENTIAL


def detail(callback):
    return reverse("desk:callback_detail", args=[callback.pk])


def step(callback, action):
    return reverse(f"desk:callback_{action}", args=[callback.pk])


def reads(callback) -> int:
    return AccessRecord.objects.filter(record_type="callback", record_id=callback.pk, action=READ).count()


@pytest.fixture
def at_reference(client, at_service_point, reference_desk):
    def put(user):
        client.force_login(user)
        at_service_point(client, reference_desk)
        return client

    return put


@pytest.fixture
def callback(desk, reference_desk):
    return CallbackFactory(service_point=reference_desk, created_by=desk, caller_name="Lucia Ferrante")


def in_page(response) -> list[int]:
    return [row.pk for row in response.context["page"]]


# The list -------------------------------------------------------------------------------------

def test_the_list_puts_the_soonest_due_first_and_the_finished_ones_apart(desk_at_reference, desk, reference_desk):
    later = CallbackFactory(service_point=reference_desk, created_by=desk, due_at=timezone.now() + datetime.timedelta(hours=5))
    overdue = CallbackFactory(service_point=reference_desk, created_by=desk, due_at=timezone.now() - datetime.timedelta(hours=1))
    done = CallbackFactory(service_point=reference_desk, created_by=desk, status="done")
    response = desk_at_reference.get(LIST)
    assert in_page(response) == [overdue.pk, later.pk]
    assert in_page(desk_at_reference.get(LIST, {"status": "all"})) == [overdue.pk, later.pk, done.pk]
    assert "Overdue" in response.content.decode()
    assert "Lucia" not in response.content.decode() and "Harold" not in response.content.decode()


def test_the_filters_mine_this_service_point_and_overdue(desk_at_reference, desk, desk2, reference_desk, circulation_desk):
    mine = CallbackFactory(service_point=circulation_desk, created_by=desk2, assigned_to=desk)
    here = CallbackFactory(service_point=reference_desk, created_by=desk2)
    late = CallbackFactory(service_point=circulation_desk, created_by=desk2, due_at=timezone.now() - datetime.timedelta(minutes=5))
    assert in_page(desk_at_reference.get(LIST, {"show": "mine"})) == [mine.pk]
    assert in_page(desk_at_reference.get(LIST, {"show": "here"})) == [here.pk]
    assert in_page(desk_at_reference.get(LIST, {"show": "overdue"})) == [late.pk]
    response = desk_at_reference.get(LIST)
    assert set(in_page(response)) == {mine.pk, here.pk, late.pk}
    assert (response.context["counts"]["mine"], response.context["counts"]["overdue"]) == (1, 1)


def test_another_branchs_callbacks_are_not_listed(client, eastdesk, callback):
    client.force_login(eastdesk)
    assert in_page(client.get(LIST)) == []


def test_the_director_lists_every_branch(director_client, callback, east_desk, eastdesk):
    east = CallbackFactory(service_point=east_desk, created_by=eastdesk)
    assert set(in_page(director_client.get(LIST))) == {callback.pk, east.pk}


def test_a_bad_filter_says_what_to_fix(desk_at_reference, callback):
    response = desk_at_reference.get(LIST, {"show": "everyone"})
    assert response.status_code == 422
    assert "Choose whose callbacks to show from the list." in response.content.decode()


def test_the_administrator_is_refused_the_section(itadmin_client):
    assert itadmin_client.get(LIST).status_code == 403


@pytest.mark.parametrize("many", [2, 30])
def test_the_list_takes_the_same_queries_for_few_or_many(desk_at_reference, desk, reference_desk, many, django_assert_max_num_queries):
    CallbackFactory.create_batch(many, service_point=reference_desk, created_by=desk, assigned_to=desk)
    desk_at_reference.get(LIST)
    with django_assert_max_num_queries(12):
        assert desk_at_reference.get(LIST).status_code == 200


# Scheduling -----------------------------------------------------------------------------------

def new_data(**overrides):
    due = timezone.localtime() + datetime.timedelta(hours=3)
    return {
        "submission_key": str(uuid.uuid4()), "caller_name": "Harold Benn", "caller_phone": "555-0112",
        "need": "Are the tax forms in?", "due_at": due.strftime("%Y-%m-%dT%H:%M"), "assigned_to": "", **overrides,
    }


def test_scheduling_one_directly(desk_at_reference, desk, reference_desk):
    response = desk_at_reference.post(NEW, new_data())
    callback = Callback.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(callback)
    assert (callback.service_point, callback.created_by, callback.caller_name, callback.interaction) == (
        reference_desk, desk, "Harold Benn", None
    )


def test_the_form_offers_the_default_due_time_and_the_branchs_staff(desk_at_reference):
    html = desk_at_reference.get(NEW).content.decode()
    assert 'name="due_at"' in html and 'type="datetime-local"' in html
    assert "Whoever is on Reference desk" in html
    assert "eastdesk" not in html


def test_bad_input_says_what_to_fix_and_keeps_what_was_typed(desk_at_reference):
    past = (timezone.localtime() - datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    response = desk_at_reference.post(NEW, new_data(caller_phone="", due_at=past, need="Large print"))
    html = response.content.decode()
    assert response.status_code == 422
    assert "Give the number to call back." in html
    assert "Large print" in html and "Harold Benn" in html
    assert not Callback.objects.exists()


def test_a_due_time_in_the_past_is_refused_with_what_to_fix(desk_at_reference):
    past = (timezone.localtime() - datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    response = desk_at_reference.post(NEW, new_data(due_at=past))
    assert response.status_code == 422
    assert "The due time has passed" in response.content.decode()


def test_someone_of_another_branch_is_not_offered_nor_taken(desk_at_reference, eastdesk):
    response = desk_at_reference.post(NEW, new_data(assigned_to=eastdesk.pk))
    assert response.status_code == 422
    assert "Choose someone of the branch from the list" in response.content.decode()


def test_from_an_interaction_its_patron_and_note_fill_in_the_form(desk_at_reference, desk, reference_desk):
    patron = PatronFactory(first_name="Lucia", last_name="Ferrante")
    interaction = InteractionFactory(service_point=reference_desk, staff=desk, patron=patron, note="1920 directory", outcome="callback")
    html = desk_at_reference.get(NEW, {"interaction": interaction.pk}).content.decode()
    assert "Lucia Ferrante" in html and "1920 directory" in html
    desk_at_reference.post(f"{NEW}?interaction={interaction.pk}", new_data())
    assert Callback.objects.get().interaction == interaction


def test_an_interaction_the_person_may_not_read_leaves_the_form_blank(client, at_service_point, desk2, desk, reference_desk):
    interaction = InteractionFactory(service_point=reference_desk, staff=desk, note="private", outcome="callback")
    client.force_login(desk2)
    at_service_point(client, reference_desk)
    html = client.get(NEW, {"interaction": interaction.pk}).content.decode()
    assert "private" not in html


def test_scheduling_needs_a_service_point(desk_client):
    response = desk_client.get(NEW)
    assert response.status_code == 302 and response["Location"].startswith(reverse("choose_service_point"))


# From the desk form ---------------------------------------------------------------------------

def test_logging_a_callback_scheduled_offers_the_callback_form(desk_at_reference):
    kind = InteractionKind.objects.get(name="Reference")
    response = desk_at_reference.post(
        reverse("interactions:log"), form_data(kind, channel="phone", outcome="callback"), HTTP_HX_REQUEST="true"
    )
    interaction = Interaction.objects.get()
    assert f'href="{NEW}?interaction={interaction.pk}" autofocus' in response.content.decode()


def test_another_outcome_offers_no_callback(desk_at_reference):
    kind = InteractionKind.objects.get(name="Reference")
    response = desk_at_reference.post(reverse("interactions:log"), form_data(kind), HTTP_HX_REQUEST="true")
    assert NEW not in response.content.decode()


def test_without_htmx_a_callback_scheduled_goes_straight_to_its_form(desk_at_reference):
    kind = InteractionKind.objects.get(name="Reference")
    response = desk_at_reference.post(reverse("interactions:log"), form_data(kind, channel="phone", outcome="callback"))
    assert response["Location"] == f"{NEW}?interaction={Interaction.objects.get().pk}"


# A callback's page ----------------------------------------------------------------------------

def test_a_colleague_reads_who_to_call_and_the_read_is_recorded(at_reference, desk2, callback):
    html = at_reference(desk2).get(detail(callback)).content.decode()
    assert "Lucia Ferrante" in html and "555-0112" in html
    assert reads(callback) == 1


def test_who_took_it_reads_it_without_a_record(desk_at_reference, callback):
    assert "Lucia Ferrante" in desk_at_reference.get(detail(callback)).content.decode()
    assert reads(callback) == 0


def test_another_branch_gets_404_and_the_attempt_is_recorded(client, eastdesk, callback):
    client.force_login(eastdesk)
    assert client.get(detail(callback)).status_code == 404
    assert AccessRecord.objects.filter(record_type="callback", action=AccessRecord.Action.REFUSED).count() == 1


def test_the_page_offers_the_steps_the_person_may_take(at_reference, desk, desk2, callback):
    mine = at_reference(desk).get(detail(callback)).content.decode()
    assert all(f'id="step-{action}"' in mine for action in ("done", "no_answer", "change", "cancel"))
    colleague = at_reference(desk2).get(detail(callback)).content.decode()
    assert 'id="step-done"' in colleague and 'id="step-cancel"' not in colleague


@pytest.mark.parametrize("many", [1, 12])
def test_the_page_takes_the_same_queries_however_long_its_timeline(at_reference, desk, desk2, callback, many, django_assert_max_num_queries):
    from desk.services.callbacks import callback_no_answer
    from staff.models import LibrarySettings

    library = LibrarySettings.current()
    library.callback_attempts = 20
    library.save()
    for _ in range(many):
        callback_no_answer(callback=callback, by=desk, version=Callback.objects.get(pk=callback.pk).version)
    client = at_reference(desk2)
    client.get(detail(callback))
    with django_assert_max_num_queries(18):
        assert client.get(detail(callback)).status_code == 200


# Its steps ------------------------------------------------------------------------------------

def test_done_logs_the_call_and_says_so(at_reference, desk2, callback):
    kind = InteractionKind.objects.get(name="Reference")
    response = at_reference(desk2).post(
        step(callback, "done"), {"version": callback.version, "done-result": "Forms are in.", "done-kind": kind.pk}
    )
    assert response.status_code == 302
    callback.refresh_from_db()
    assert callback.status == "done" and callback.done_interaction.channel == "phone"


def test_done_without_a_result_comes_back_with_what_to_fix(at_reference, desk2, callback):
    kind = InteractionKind.objects.get(name="Reference")
    response = at_reference(desk2).post(step(callback, "done"), {"version": callback.version, "done-kind": kind.pk, "done-duration_minutes": "4"})
    assert response.status_code == 422
    assert "Say what came of the call." in response.content.decode()
    assert not Interaction.objects.exists()


def test_done_from_an_older_copy_is_refused_with_409(at_reference, desk2, callback):
    kind = InteractionKind.objects.get(name="Reference")
    response = at_reference(desk2).post(
        step(callback, "done"), {"version": callback.version - 1, "done-result": "ok", "done-kind": kind.pk}
    )
    assert response.status_code == 409
    assert "Someone else saved a change" in response.content.decode()


def test_a_call_without_an_answer_is_counted(at_reference, desk2, callback):
    response = at_reference(desk2).post(step(callback, "no_answer"), {"version": callback.version})
    assert response.status_code == 302
    assert Callback.objects.get().attempts == 1


def test_another_time_and_person(at_reference, desk, desk2, callback):
    later = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = at_reference(desk).post(
        step(callback, "change"), {"version": callback.version, "change-due_at": later, "change-assigned_to": desk2.pk}
    )
    assert response.status_code == 302
    assert Callback.objects.get().assigned_to == desk2


def test_cancel_by_who_took_it(at_reference, desk, callback):
    response = at_reference(desk).post(step(callback, "cancel"), {"version": callback.version, "cancel-reason": "Came in."})
    assert response.status_code == 302
    assert Callback.objects.get().status == "cancelled"


def test_a_colleague_may_not_cancel(at_reference, desk2, callback):
    response = at_reference(desk2).post(step(callback, "cancel"), {"version": callback.version, "cancel-reason": "No."})
    assert response.status_code == 403
    assert Callback.objects.get().status == "scheduled"


def test_steps_on_another_branchs_callback_answer_404(client, eastdesk, callback):
    client.force_login(eastdesk)
    response = client.post(step(callback, "no_answer"), {"version": callback.version})
    assert response.status_code == 404
    assert Callback.objects.get().attempts == 0


# The console's section ------------------------------------------------------------------------

def test_the_console_lists_the_callbacks_due_here_and_mine_with_the_overdue_marked(
    desk_at_reference, desk, desk2, reference_desk, circulation_desk
):
    here = CallbackFactory(service_point=reference_desk, created_by=desk2, due_at=timezone.now() - datetime.timedelta(minutes=1))
    mine = CallbackFactory(service_point=circulation_desk, created_by=desk2, assigned_to=desk)
    elsewhere = CallbackFactory(service_point=circulation_desk, created_by=desk2, due_at=timezone.now() - datetime.timedelta(hours=1))
    tomorrow = CallbackFactory(service_point=reference_desk, created_by=desk2, due_at=timezone.now() + datetime.timedelta(days=2))
    response = desk_at_reference.get(LIVE, HTTP_HX_REQUEST="true")
    shown = [row.pk for row in response.context["callbacks"]]
    assert shown == [here.pk, mine.pk]
    html = response.content.decode()
    assert "Overdue" in html and elsewhere.reference not in html and tomorrow.reference not in html


def test_the_callbacks_come_below_the_waiting_patrons():
    """The policy: "Patrons who are present in the building take precedence over telephone inquiries." """
    from django.template.loader import get_template

    source = get_template("desk/_live.html").template.source
    assert source.index("in person takes precedence") < source.index('{% include "desk/_callbacks.html" %}')


def test_the_branchs_supervisor_sees_every_overdue_callback_of_the_branch(at_reference, supervisor, desk2, circulation_desk):
    late = CallbackFactory(service_point=circulation_desk, created_by=desk2, assigned_to=desk2, due_at=timezone.now() - datetime.timedelta(hours=1))
    due_later = CallbackFactory(service_point=circulation_desk, created_by=desk2, assigned_to=desk2)
    response = at_reference(supervisor).get(LIVE, HTTP_HX_REQUEST="true")
    assert [row.pk for row in response.context["callbacks"]] == [late.pk]
    assert due_later.reference not in response.content.decode()


def test_desk_staff_do_not_see_colleagues_overdue_callbacks_elsewhere(at_reference, desk, desk2, circulation_desk):
    CallbackFactory(service_point=circulation_desk, created_by=desk2, assigned_to=desk2, due_at=timezone.now() - datetime.timedelta(hours=1))
    assert at_reference(desk).get(LIVE, HTTP_HX_REQUEST="true").context["callbacks"] == []


@pytest.mark.parametrize("many", [1, 40])
def test_the_console_section_takes_the_same_queries_for_few_or_many(
    at_reference, supervisor, desk2, reference_desk, many, django_assert_num_queries
):
    CallbackFactory.create_batch(many, service_point=reference_desk, created_by=desk2, due_at=timezone.now() - datetime.timedelta(minutes=5))
    client = at_reference(supervisor)
    client.get(LIVE, HTTP_HX_REQUEST="true")
    with django_assert_num_queries(LIVE_QUERIES_SUPERVISOR) as captured:
        response = client.get(LIVE, HTTP_HX_REQUEST="true")
    assert len(response.context["callbacks"]) == min(many, 8)
    assert len([q for q in captured.captured_queries if "desk_callback" in q["sql"]]) == 1

