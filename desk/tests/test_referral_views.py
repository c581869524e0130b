"""The referral pages per role: referring from the desk (prefilled) or directly, "Find" by
subject keeping what was typed, a referral's page and its steps, the lists and the console's
section, with their query counts."""

import pytest
from django.urls import reverse

from desk.models import Referral
from desk.tests.factories_referrals import ExpertFactory, ReferralFactory
from desk.tests.test_live import LIVE_QUERIES, LIVE_QUERIES_SUPERVISOR
from interactions.tests.factories import InteractionFactory
from patrons.tests.factories import PatronFactory
from staff.models import AccessRecord

NEW = reverse("desk:referral_new")
LIST = reverse("desk:referrals")
LIVE = reverse("desk:live")


@pytest.fixture
def desk2_entry(desk2):
    return ExpertFactory(user=desk2, subjects=["Technology", "E-readers"])


@pytest.fixture
def referral(desk, desk2_entry, reference_desk):
    return ReferralFactory(service_point=reference_desk, referred_by=desk, referred_to=desk2_entry)


def test_the_desk_form_offers_to_refer_a_question_logged_as_referred(desk_at_reference, reference_desk):
    from django.utils import timezone

    from interactions.models import Interaction, InteractionKind

    kind = InteractionKind.objects.get(name="Reference")
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = desk_at_reference.post(
        reverse("interactions:log"),
        {"kind": kind.pk, "channel": "in_person", "effort": 1, "outcome": "referred", "occurred_at": now, "note": "Libby?"},
        HTTP_HX_REQUEST="true",
    )
    logged = Interaction.objects.get()
    assert f'{NEW}?interaction={logged.pk}">Refer the question' in response.content.decode()


def test_from_the_desk_the_question_and_patron_are_filled_in(desk_at_reference, desk, reference_desk, desk2_entry):
    patron = PatronFactory(first_name="Ana", last_name="Delgado")
    interaction = InteractionFactory(service_point=reference_desk, staff=desk, outcome="referred", note="E-books vanish", patron=patron)
    html = desk_at_reference.get(f"{NEW}?interaction={interaction.pk}&q=e-read").content.decode()
    assert "E-books vanish" in html and 'value="Ana Delgado"' in html
    assert desk2_entry.user.get_full_name() in html
    response = desk_at_reference.post(NEW, {
        "interaction": interaction.pk, "referred_to": desk2_entry.pk, "question": "E-books vanish", "patron_contact": "555-0188",
    })
    referral = Referral.objects.get()
    assert response["Location"] == reverse("desk:referral", args=[referral.pk])
    assert (referral.interaction, referral.assigned_to) == (interaction, desk2_entry.user)


def test_find_narrows_by_subject_and_keeps_what_was_typed(desk_at_reference, desk2_entry, supervisor):
    ExpertFactory(user=supervisor, subjects=["Legal forms"])
    response = desk_at_reference.post(NEW, {"q": "TECHNO", "question": "Which app?", "find": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert desk2_entry.user.get_full_name() in html and supervisor.get_full_name() not in html
    assert "Which app?" in html
    assert Referral.objects.count() == 0


def test_bad_input_says_what_to_fix_and_keeps_it(desk_at_reference):
    response = desk_at_reference.post(NEW, {"question": "Which app?"})
    assert response.status_code == 422
    assert "Choose who to refer the question to." in response.content.decode()
    assert "Which app?" in response.content.decode()


def test_the_administrator_is_refused(itadmin_client):
    assert itadmin_client.get(LIST).status_code == 403


@pytest.mark.parametrize("persona, status", [
    ("desk_client", 200), ("desk2_client", 200), ("supervisor_client", 200), ("director_client", 200),
    ("eastdesk_client", 404), ("itadmin_client", 403),
])
def test_a_referrals_page_per_role(request, persona, status, referral):
    response = request.getfixturevalue(persona).get(reverse("desk:referral", args=[referral.pk]))
    assert response.status_code == status
    if status == 200:
        assert referral.question in response.content.decode()


def test_reading_it_is_recorded_for_all_but_who_referred_it(desk_client, desk2_client, referral):
    desk_client.get(reverse("desk:referral", args=[referral.pk]))
    assert not AccessRecord.objects.filter(action=AccessRecord.Action.READ_CONFIDENTIAL).exists()
    desk2_client.get(reverse("desk:referral", args=[referral.pk]))
    assert AccessRecord.objects.filter(action=AccessRecord.Action.READ_CONFIDENTIAL).count() == 1


def test_the_person_it_is_referred_to_answers_it_and_the_referrer_sees_the_outcome(desk_client, desk2_client, referral):
    page = desk2_client.get(reverse("desk:referral", args=[referral.pk])).content.decode()
    assert "Record the answer" in page and "Pass it on" in page
    assert "Record the answer" not in desk_client.get(reverse("desk:referral", args=[referral.pk])).content.decode()
    response = desk2_client.post(reverse("desk:referral_answer", args=[referral.pk]), {
        "version": referral.version, "answer-answer": "Use Libby, version 8.", "answer-answered_by": "phone",
    })
    assert response.status_code == 302
    outcome = desk_client.get(LIST).content.decode()
    assert "Answered" in outcome
    assert "Use Libby, version 8." in desk_client.get(reverse("desk:referral", args=[referral.pk])).content.decode()


def test_an_answer_without_text_comes_back_with_what_was_chosen(desk2_client, referral):
    response = desk2_client.post(reverse("desk:referral_answer", args=[referral.pk]), {"version": referral.version, "answer-answered_by": "phone"})
    assert response.status_code == 422
    assert "Write the answer the patron was given." in response.content.decode()


def test_an_answer_from_an_older_copy_is_refused_not_overwritten(desk2_client, referral):
    response = desk2_client.post(reverse("desk:referral_answer", args=[referral.pk]), {
        "version": referral.version + 1, "answer-answer": "x", "answer-answered_by": "phone",
    })
    assert response.status_code == 409
    assert Referral.objects.get().status == "open"


def test_who_referred_it_may_not_answer_it(desk_client, referral):
    response = desk_client.post(reverse("desk:referral_answer", args=[referral.pk]), {
        "version": referral.version, "answer-answer": "x", "answer-answered_by": "phone",
    })
    assert response.status_code == 404


def test_passed_on_by_page(desk2_client, supervisor, referral):
    grace = ExpertFactory(user=supervisor, subjects=["Legal forms"])
    response = desk2_client.post(reverse("desk:referral_pass_on", args=[referral.pk]), {"version": referral.version, "pass_on-to": grace.pk})
    assert response.status_code == 302
    assert Referral.objects.get().assigned_to == supervisor


# Lists and the console, at a constant number of queries ----------------------------------------

def _many(desk, desk2_entry, reference_desk, count):
    for _ in range(count):
        ReferralFactory(service_point=reference_desk, referred_by=desk, referred_to=desk2_entry)


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_page_takes_the_same_queries_for_few_or_many(supervisor_client, desk, desk2_entry, reference_desk, count, django_assert_max_num_queries):
    _many(desk, desk2_entry, reference_desk, count)
    with django_assert_max_num_queries(14):
        assert supervisor_client.get(LIST).status_code == 200


@pytest.mark.parametrize("count", [1, 20])
def test_the_console_section_takes_the_same_queries_for_few_or_many(request, count, desk, desk2, desk2_entry, reference_desk, at_service_point, supervisor_client, django_assert_num_queries):
    _many(desk, desk2_entry, reference_desk, count)
    client = at_service_point(request.getfixturevalue("desk2_client"), reference_desk)
    client.get(LIVE)  # the session and the roles, as on every refresh after the first
    with django_assert_num_queries(LIVE_QUERIES):
        html = client.get(LIVE).content.decode()
    assert "Referred to you" in html and html.count('href="/referrals/') >= min(count, 8)
    at_service_point(supervisor_client, reference_desk)
    with django_assert_num_queries(LIVE_QUERIES_SUPERVISOR):
        assert "Referrals waiting too long" in supervisor_client.get(LIVE).content.decode()


def test_the_console_shows_what_waits_too_long_to_the_supervisor_only(desk2_client, supervisor_client, referral, reference_desk, at_service_point):
    from django.utils import timezone

    Referral.objects.filter(pk=referral.pk).update(remind_at=timezone.now())
    supervisor_html = at_service_point(supervisor_client, reference_desk).get(LIVE).content.decode()
    assert "Referrals waiting too long" in supervisor_html and referral.reference in supervisor_html
    desk2_html = at_service_point(desk2_client, reference_desk).get(LIVE).content.decode()
    assert "Referrals waiting too long" not in desk2_html and referral.reference in desk2_html
