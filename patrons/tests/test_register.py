import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from patrons.models import Patron
from patrons.tests.conftest import registration_data
from patrons.tests.factories import PatronFactory


def register_url():
    return reverse("patrons:register")


def test_the_form_has_labels_autocomplete_and_sensible_defaults(desk_client, main_branch, east_branch):
    response = desk_client.get(register_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Register a patron ·" in html
    for label in ("Card number", "First name", "Last name", "E-mail", "Phone", "Address", "Date of birth", "Home branch", "Preferred language", "Card status"):
        assert f"{label}" in html
    for purpose in ("given-name", "family-name", "email", "tel", "street-address", "bday"):
        assert f'autocomplete="{purpose}"' in html
    assert 'type="date"' in html
    form = response.context["form"]
    assert form["home_branch"].value() == main_branch.pk
    assert form["status"].value() == Patron.Status.ACTIVE
    # Every branch may be a home branch, not only the staff member's.
    assert f'value="{east_branch.pk}"' in html


def test_the_branch_of_the_desk_in_use_is_the_default(eastdesk_client, east_desk, at_service_point, main_branch):
    at_service_point(eastdesk_client, east_desk)
    assert eastdesk_client.get(register_url()).context["form"]["home_branch"].value() == east_desk.branch_id


def test_registering_creates_the_patron_and_goes_to_their_page(desk_client, main_branch):
    data = registration_data(
        main_branch, first_name="  Zoë ", last_name=" Quist ", email=" Zoe.Quist@Example.ORG ", card_number="3000 0000 0000 77"
    )
    response = desk_client.post(register_url(), data)
    patron = Patron.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("patrons:detail", args=[patron.pk])
    assert (patron.card_number, patron.first_name, patron.last_name) == ("30000000000077", "Zoë", "Quist")
    assert patron.email == "zoe.quist@example.org"
    assert patron.first_name_key == "zoe"
    assert patron.home_branch == main_branch
    assert patron.registered_on == timezone.localdate()
    page = desk_client.get(response["Location"]).content.decode()
    assert "invite them to come back often" in page


def test_only_card_number_and_name_are_required(desk_client, main_branch):
    data = registration_data(main_branch, email="", phone="", address="", birth_date="")
    assert desk_client.post(register_url(), data).status_code == 302
    assert Patron.objects.get().birth_date is None


def test_a_card_number_that_is_taken_says_so(desk_client, main_branch):
    PatronFactory(card_number="30000000000077")
    response = desk_client.post(register_url(), registration_data(main_branch))
    assert response.status_code == 422
    assert "This card number already belongs to another patron" in response.content.decode()
    assert Patron.objects.count() == 1


def test_a_card_number_in_the_wrong_format_names_the_format(desk_client, main_branch):
    response = desk_client.post(register_url(), registration_data(main_branch, card_number="12AB"))
    assert response.status_code == 422
    assert "expected 14 digits, as printed under the barcode" in response.content.decode()
    assert not Patron.objects.exists()


def test_a_birth_date_in_the_future_is_refused(desk_client, main_branch):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = desk_client.post(register_url(), registration_data(main_branch, birth_date=tomorrow.isoformat()))
    assert response.status_code == 422
    assert "cannot be in the future" in response.content.decode()
    assert not Patron.objects.exists()


def test_a_birth_date_more_than_120_years_ago_is_refused(desk_client, main_branch):
    response = desk_client.post(register_url(), registration_data(main_branch, birth_date="1862-05-01"))
    assert response.status_code == 422
    assert "more than 120 years ago" in response.content.decode()


def test_what_was_typed_is_kept_on_error(desk_client, main_branch):
    data = registration_data(main_branch, card_number="12AB", first_name="Zoë", email="zoe@example.org", address="12 Hidden Lane")
    html = desk_client.post(register_url(), data).content.decode()
    assert "Please correct what is marked below" in html
    for typed in ('value="12AB"', 'value="Zoë"', 'value="zoe@example.org"', "12 Hidden Lane", 'value="1990-12-10"'):
        assert typed in html


def test_a_missing_name_says_what_to_type(desk_client, main_branch):
    html = desk_client.post(register_url(), registration_data(main_branch, last_name="  ")).content.decode()
    assert "Type the patron&#x27;s last name." in html


def test_markup_in_a_name_is_shown_as_text(desk_client, main_branch):
    data = registration_data(main_branch, first_name="<script>alert(1)</script>", last_name="<b>Bold</b>")
    response = desk_client.post(register_url(), data, follow=True)
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html and "<b>Bold</b>" not in html


def test_the_administrator_is_refused(itadmin_client, main_branch):
    assert itadmin_client.get(register_url()).status_code == 403
    assert itadmin_client.post(register_url(), registration_data(main_branch)).status_code == 403
    assert not Patron.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(main_branch):
    response = Client().post(register_url(), registration_data(main_branch))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Patron.objects.exists()
