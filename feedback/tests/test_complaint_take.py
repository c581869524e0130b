"""Taking a complaint (/complaints/new/), from the desk console or later from a comment card."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.models import Complaint
from patrons.tests.factories import PatronFactory

TAKE = reverse("complaints:take")


@pytest.fixture
def desk_at_reference(desk_client, reference_desk, at_service_point):
    return at_service_point(desk_client, reference_desk)


def complaint_data(service_point, **overrides) -> dict:
    data = {
        "what_happened": "The self-checkout charged me twice and staff shrugged.",
        "desired_outcome": "A refund",
        "policy_reference": "Fines and fees",
        "staff_involved": "",
        "occurred_on": timezone.localdate().isoformat(),
        "service_point": service_point.pk,
        "source": "desk",
        "patron_card": "",
        "contact_name": "Philippa Quillfeather",
        "contact_email": "philippa@example.org",
        "contact_phone": "",
        "contact_address": "",
        "wants_reply": "on",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_console_and_the_menu_offer_it(desk_at_reference):
    page = desk_at_reference.get(reverse("interactions:desk")).content.decode()
    assert page.count(f'href="{TAKE}"') == 2  # the console's button and the menu


def test_where_it_happened_starts_as_the_current_service_point(desk_at_reference, reference_desk):
    response = desk_at_reference.get(TAKE)
    assert response.status_code == 200
    assert response.context["form"]["service_point"].value() == reference_desk.pk
    assert "listen attentively in a non-judgmental manner" in response.content.decode()


def test_the_policy_is_chosen_from_the_library_s_policies_or_typed(desk_at_reference, reference_desk):
    html = desk_at_reference.get(TAKE).content.decode()
    assert 'list="id_policy_reference-suggestions"' in html
    assert '<datalist id="id_policy_reference-suggestions">' in html
    assert '<option value="Customer Service Policy: Ethics/confidentiality guidelines"></option>' in html
    assert 'maxlength="200"' in html
    chosen = "Customer Service Policy: Positive operating procedures"
    desk_at_reference.post(TAKE, complaint_data(reference_desk, policy_reference=chosen))
    desk_at_reference.post(TAKE, complaint_data(reference_desk, policy_reference="Internet use, section 3"))
    assert set(Complaint.objects.values_list("policy_reference", flat=True)) == {chosen, "Internet use, section 3"}


def test_on_the_phone_line_it_came_by_phone(desk_client, main_branch, at_service_point):
    from staff.tests.factories import ServicePointFactory

    phone = ServicePointFactory(branch=main_branch, name="Phone line", kind="phone")
    at_service_point(desk_client, phone)
    assert desk_client.get(TAKE).context["form"]["source"].value() == "phone"


def test_taking_it_leads_to_its_page(desk_at_reference, desk, reference_desk, main_branch):
    response = desk_at_reference.post(TAKE, complaint_data(reference_desk, wants_director="on"))
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("complaints:detail", args=[complaint.pk])
    assert (complaint.taken_by, complaint.branch, complaint.wants_director, complaint.contact_email) == (
        desk, main_branch, True, "philippa@example.org"
    )
    page = desk_at_reference.get(response["Location"]).content.decode()
    assert f"Complaint {complaint.reference} taken." in page


def test_a_card_number_attaches_the_patron(desk_at_reference, reference_desk):
    patron = PatronFactory(card_number="30000000000042")
    desk_at_reference.post(TAKE, complaint_data(reference_desk, patron_card="30000000000042", contact_name=""))
    assert Complaint.objects.get().patron == patron


def test_a_comment_card_is_taken_later_at_another_service_point(desk_at_reference, circulation_desk):
    last_week = timezone.localdate() - datetime.timedelta(days=7)
    desk_at_reference.post(
        TAKE, complaint_data(circulation_desk, source="comment_card", occurred_on=last_week.isoformat())
    )
    complaint = Complaint.objects.get()
    assert (complaint.source, complaint.service_point, complaint.occurred_on) == ("comment_card", circulation_desk, last_week)


def test_bad_input_keeps_what_was_typed_and_says_what_to_fix(desk_at_reference, reference_desk):
    response = desk_at_reference.post(
        TAKE,
        complaint_data(reference_desk, what_happened="", contact_email="", patron_card="99999999999999", desired_outcome="Kept"),
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "Write down what happened, in the patron&#x27;s words where you can." in page
    assert "No patron has this card number." in page
    assert "Kept" in page and "Philippa Quillfeather" in page
    assert not Complaint.objects.exists()


def test_a_patron_who_wants_an_answer_needs_a_way_to_get_it(desk_at_reference, reference_desk):
    response = desk_at_reference.post(TAKE, complaint_data(reference_desk, contact_email=""))
    assert response.status_code == 422
    assert "The patron wants an answer: give an e-mail address" in response.content.decode()


def test_not_at_another_branchs_service_point(desk_at_reference, east_desk):
    response = desk_at_reference.post(TAKE, complaint_data(east_desk))
    assert response.status_code == 422
    assert "That service point is not one of your branch&#x27;s" in response.content.decode()
    assert not Complaint.objects.exists()


def test_where_it_happened_is_required(desk_at_reference, reference_desk):
    response = desk_at_reference.post(TAKE, complaint_data(reference_desk) | {"service_point": ""})
    assert response.status_code == 422
    assert "Choose where it happened." in response.content.decode()
    assert not Complaint.objects.exists()


def test_sent_twice_it_is_taken_once(desk_at_reference, reference_desk):
    data = complaint_data(reference_desk)
    first = desk_at_reference.post(TAKE, data)
    second = desk_at_reference.post(TAKE, data)
    assert first["Location"] == second["Location"]
    assert Complaint.objects.count() == 1


def test_the_administrator_is_refused(itadmin_client, reference_desk):
    assert itadmin_client.get(TAKE).status_code == 403
    assert itadmin_client.post(TAKE, complaint_data(reference_desk)).status_code == 403
    assert not Complaint.objects.exists()


def test_no_name_or_words_in_the_address_or_page_titles(desk_at_reference, reference_desk, supervisor_client, caplog):
    import logging
    import re

    caplog.set_level(logging.DEBUG)
    taken = desk_at_reference.post(TAKE, complaint_data(reference_desk))
    complaint = Complaint.objects.get()
    pages = [
        desk_at_reference.get(taken["Location"]),
        supervisor_client.get(taken["Location"]),
        supervisor_client.get(reverse("complaints:letter", args=[complaint.pk])),
        supervisor_client.get(reverse("complaints:queue")),
    ]
    assert taken["Location"] == f"/complaints/{complaint.pk}/"
    for response in pages:
        title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)
        for secret in ("Philippa", "Quillfeather", "self-checkout", "philippa@example.org"):
            assert secret not in title and secret not in caplog.text
