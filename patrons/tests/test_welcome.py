"""The new borrower welcome, ticked on the registration form: card and services explained,
tour offered, invited to come back often."""

from django.urls import reverse

from patrons.models import Patron
from patrons.tests.conftest import registration_data
from patrons.tests.factories import PatronFactory
from policy.models import ChecklistItem, ChecklistTick

REGISTER = reverse("patrons:register")


def welcome(label):
    return f"welcome-tick_{ChecklistItem.objects.get(checklist__key='welcome', label=label).pk}"


def test_the_registration_form_offers_the_welcome_items(desk_client, main_branch):
    html = desk_client.get(REGISTER).content.decode()
    for label in ["Card and services explained", "Tour offered", "Invited to come back often"]:
        assert label in html


def test_registering_ticks_the_welcome_at_the_desk_in_use(desk_client, desk, main_branch, reference_desk, at_service_point):
    at_service_point(desk_client, reference_desk)
    data = registration_data(main_branch, **{welcome("Card and services explained"): "on", welcome("Tour offered"): "on"})
    assert desk_client.post(REGISTER, data).status_code == 302
    patron = Patron.objects.get()
    rows = {tick.item.label: tick for tick in ChecklistTick.objects.filter(patron=patron).select_related("item", "version")}
    assert {label: tick.ticked for label, tick in rows.items()} == {
        "Card and services explained": True,
        "Tour offered": True,
        "Invited to come back often": False,
    }
    tick = rows["Tour offered"]
    assert (tick.by, tick.service_point, tick.branch, tick.version.number) == (desk, reference_desk, main_branch, 1)


def test_without_a_desk_the_welcome_counts_at_the_patrons_home_branch(desk_client, east_branch):
    desk_client.post(REGISTER, registration_data(east_branch, **{welcome("Tour offered"): "on"}))
    tick = ChecklistTick.objects.get(patron=Patron.objects.get(), ticked=True)
    assert (tick.branch, tick.service_point) == (east_branch, None)


def test_a_refused_registration_keeps_the_ticks_and_records_nothing(desk_client, main_branch):
    data = registration_data(main_branch, first_name="", **{welcome("Tour offered"): "on"})
    response = desk_client.post(REGISTER, data)
    assert response.status_code == 422
    assert not ChecklistTick.objects.exists()
    tour = welcome("Tour offered").removeprefix("welcome-")
    assert response.context["welcome"][tour].value() is True


def test_updating_a_patron_asks_no_welcome(desk_client, main_branch):
    patron = PatronFactory(home_branch=main_branch)
    response = desk_client.post(reverse("patrons:edit", args=[patron.pk]), {"presented_card": patron.card_number})
    html = response.content.decode()
    assert "Save changes" in html and "Tour offered" not in html
