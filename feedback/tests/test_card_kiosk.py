"""The public comment-card kiosk: no sign-in, anonymous if the patron likes, protected from
robots and floods without hurting patrons, and showing nothing of anyone's earlier card."""

import logging
import re

import pytest
from django.test import Client
from django.urls import reverse

from feedback.models import CommentCard
from feedback.services.cards import address_key
from feedback.tests.factories import CommentCardFactory

KIOSK = reverse("cards:kiosk")


def card_data(**overrides) -> dict:
    data = {"kind": "suggestion", "comment": "More chess sets, please.", "name": "", "contact": "", "website": ""}
    return data | overrides


@pytest.fixture
def kiosk(main_branch):
    return Client()


def test_an_anonymous_patron_sends_a_card_without_signing_in(kiosk, main_branch):
    response = kiosk.post(f"{KIOSK}?branch=main", card_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("cards:kiosk_thanks") + "?branch=main"
    card = CommentCard.objects.get()
    assert (card.branch, card.source, card.name, card.contact, card.typed_in_by) == (main_branch, "kiosk", "", "", None)
    assert card.reply_by is None


def test_a_card_wanting_a_reply_is_due_in_business_days(kiosk, main_branch, settings):
    kiosk.post(KIOSK, card_data(branch=main_branch.pk, contact="ann@example.org", wants_reply="on"))
    card = CommentCard.objects.get()
    assert card.reply_by is not None and card.wants_reply


def test_a_pinned_kiosk_names_its_branch_and_asks_no_branch(kiosk, main_branch, east_branch):
    html = kiosk.get(f"{KIOSK}?branch=east").content.decode()
    assert "Eastside library" in html
    assert "Which library are you at?" not in html
    assert "Which library are you at?" in kiosk.get(KIOSK).content.decode()


@pytest.mark.parametrize("code", ["\x00main", "main\x00", "<b>", "no such branch"])
def test_a_kiosk_address_naming_no_branch_is_the_kiosk_of_every_branch(kiosk, main_branch, code):
    response = kiosk.get(reverse("cards:kiosk"), {"branch": code})
    assert response.status_code == 200
    assert response.context["branch"] is None


def test_the_kiosk_has_no_staff_navigation_even_for_signed_in_staff(desk_client):
    html = desk_client.get(KIOSK).content.decode()
    assert "Sign out" not in html and "app-navbar" not in html


def test_a_reply_without_a_contact_is_refused_and_keeps_what_was_typed(kiosk, main_branch):
    response = kiosk.post(KIOSK, card_data(branch=main_branch.pk, wants_reply="on", comment="Keep me"), follow=True)
    assert response.status_code == 422
    html = response.content.decode()
    assert "give an e-mail address or a phone number" in html
    assert "Keep me" in html
    assert not CommentCard.objects.exists()


@pytest.mark.parametrize(
    "field, length, message",
    [("comment", 4001, "Keep the comment to 4000 characters"), ("name", 101, "Keep the name to 100"), ("contact", 255, "Keep the e-mail or phone to 254")],
)
def test_size_limits_are_explained(kiosk, main_branch, field, length, message):
    response = kiosk.post(KIOSK, card_data(branch=main_branch.pk, **{field: "x" * length}), follow=True)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not CommentCard.objects.exists()


def test_the_robot_trap_looks_like_success_saves_nothing_and_logs_why(kiosk, main_branch, caplog):
    caplog.set_level(logging.WARNING)
    response = kiosk.post(KIOSK, card_data(branch=main_branch.pk, website="http://spam.example"))
    assert response.status_code == 302 and response["Location"] == reverse("cards:kiosk_thanks")
    assert not CommentCard.objects.exists()
    assert "trap field" in caplog.text


def test_the_robot_trap_is_hidden_from_people_and_screen_readers(kiosk, main_branch):
    html = kiosk.get(KIOSK).content.decode()
    trap = re.search(r'<div class="visually-hidden" aria-hidden="true">.*?</div>', html, re.DOTALL).group(0)
    assert 'name="website"' in trap and 'tabindex="-1"' in trap
    assert "style=" not in html


def test_too_many_cards_from_one_address_are_refused_plainly(kiosk, main_branch, settings, caplog):
    settings.COMMENT_CARD_RATE_LIMIT = 2
    for _ in range(2):
        assert kiosk.post(KIOSK, card_data(branch=main_branch.pk)).status_code == 302
    response = kiosk.post(KIOSK, card_data(branch=main_branch.pk, comment="Third card"), follow=True)
    assert response.status_code == 429
    html = response.content.decode()
    assert "try again in 10 minutes" in html and "Third card" in html
    assert CommentCard.objects.count() == 2
    assert "127.0.0.1" not in caplog.text


def test_the_address_is_kept_as_a_salted_hash_only(kiosk, main_branch):
    kiosk.post(KIOSK, card_data(branch=main_branch.pk), REMOTE_ADDR="203.0.113.9")
    card = CommentCard.objects.get()
    assert card.sent_from == address_key("203.0.113.9")
    assert "203.0.113" not in card.sent_from


def test_another_address_is_not_limited(kiosk, main_branch, settings):
    settings.COMMENT_CARD_RATE_LIMIT = 1
    kiosk.post(KIOSK, card_data(branch=main_branch.pk), REMOTE_ADDR="203.0.113.9")
    assert kiosk.post(KIOSK, card_data(branch=main_branch.pk), REMOTE_ADDR="203.0.113.10").status_code == 302
    assert CommentCard.objects.count() == 2


def test_the_same_card_sent_twice_is_one_card(kiosk, main_branch):
    data = card_data(branch=main_branch.pk, submission_key="0b8e4c9e-2f6a-4c59-9d0e-7f3b5d8a1c22")
    kiosk.post(KIOSK, data)
    kiosk.post(KIOSK, data)
    assert CommentCard.objects.count() == 1


def test_the_kiosk_and_thanks_show_nothing_of_earlier_cards(kiosk, main_branch):
    CommentCardFactory(branch=main_branch, name="Winifred Ashdown", contact="winifred@example.org", comment="Secret words")
    response = kiosk.post(KIOSK, card_data(branch=main_branch.pk, name="Bartholomew", comment="My own words"), follow=True)
    for url in (response.request["PATH_INFO"], KIOSK):
        html = kiosk.get(url).content.decode()
        for secret in ("Winifred", "winifred@example.org", "Secret words", "Bartholomew", "My own words"):
            assert secret not in html
    assert "Bartholomew" not in response.redirect_chain[0][0]


def test_a_card_without_the_csrf_token_is_refused(main_branch):
    client = Client(enforce_csrf_checks=True)
    response = client.post(KIOSK, card_data(branch=main_branch.pk))
    assert response.status_code == 403
    assert not CommentCard.objects.exists()


def test_the_csrf_token_in_the_form_works_without_signing_in(main_branch):
    client = Client(enforce_csrf_checks=True)
    html = client.get(KIOSK).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = client.post(KIOSK, card_data(branch=main_branch.pk, csrfmiddlewaretoken=token))
    assert response.status_code == 302
    assert CommentCard.objects.count() == 1


def test_an_unknown_pinned_branch_asks_for_the_branch(kiosk, main_branch):
    assert "Which library are you at?" in kiosk.get(f"{KIOSK}?branch=nowhere").content.decode()


def test_behind_the_proxy_the_limit_counts_each_tablet_by_its_own_address(kiosk, main_branch, settings):
    settings.COMMENT_CARD_RATE_LIMIT = 1
    settings.FORWARDED_ALLOW_IPS = ["10.9.0.1"]
    kiosk.post(KIOSK, card_data(branch=main_branch.pk), REMOTE_ADDR="10.9.0.1", HTTP_X_FORWARDED_FOR="192.168.4.30")
    other_tablet = kiosk.post(
        KIOSK, card_data(branch=main_branch.pk), REMOTE_ADDR="10.9.0.1", HTTP_X_FORWARDED_FOR="192.168.4.31"
    )
    assert other_tablet.status_code == 302
    again = kiosk.post(
        KIOSK, card_data(branch=main_branch.pk), REMOTE_ADDR="10.9.0.1", HTTP_X_FORWARDED_FOR="192.168.4.30", follow=True
    )
    assert again.status_code == 429
    assert CommentCard.objects.filter(sent_from=address_key("192.168.4.30")).count() == 1


def test_a_client_not_behind_the_proxy_cannot_dodge_the_limit_by_naming_addresses(kiosk, main_branch, settings):
    settings.COMMENT_CARD_RATE_LIMIT = 1
    settings.FORWARDED_ALLOW_IPS = ["10.9.0.1"]
    kiosk.post(KIOSK, card_data(branch=main_branch.pk), REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.1.1.1")
    forged = kiosk.post(
        KIOSK, card_data(branch=main_branch.pk), REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="2.2.2.2", follow=True
    )
    assert forged.status_code == 429


def test_a_card_not_taken_comes_back_through_a_redirect_once_so_back_never_resends(kiosk, main_branch):
    response = kiosk.post(f"{KIOSK}?branch=main", card_data(comment="x" * 4001))
    assert response.status_code == 302 and response["Location"] == f"{KIOSK}?branch=main"
    shown = kiosk.get(response["Location"])
    assert shown.status_code == 422 and "Keep the comment to 4000 characters" in shown.content.decode()
    again = kiosk.get(response["Location"]).content.decode()
    assert again.count("x" * 100) == 0 and "Keep the comment" not in again


def test_what_a_card_not_taken_keeps_is_never_its_token_or_key(kiosk, main_branch):
    kiosk.post(KIOSK, card_data(branch=main_branch.pk, comment="", submission_key="0b8e4c9e-2f6a-4c59-9d0e-7f3b5d8a1c22"))
    typed = kiosk.session["kiosk_card_typed"]["typed"]
    assert "submission_key" not in typed and "csrfmiddlewaretoken" not in typed


def test_the_thanks_page_offers_to_return_to_a_blank_card_by_itself(kiosk, main_branch):
    html = kiosk.get(f"{reverse('cards:kiosk_thanks')}?branch=main").content.decode()
    assert re.search(r'data-return-to="/comment-card/\?branch=main" data-return-after="\d+"', html)
    assert "Stay on this page" in html
