"""A form too large to send answers the 400 page in plain words, not a bare "Bad Request"."""

from django.conf import settings
from django.test import Client
from django.urls import reverse

THREE_MEGABYTES = "x" * (3 * 1024 * 1024)


def test_a_form_too_large_for_the_desk_says_what_to_do(desk):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE < len(THREE_MEGABYTES)
    browser = Client(enforce_csrf_checks=True)  # as a browser: the CSRF check reads the form first
    browser.force_login(desk)
    browser.get(reverse("password_change"))  # a form page: the CSRF cookie is set
    response = browser.post(reverse("interactions:log"), {"note": THREE_MEGABYTES})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The form was too large to send" in html
    assert "shorten the text" in html
    assert "2.5\xa0MB" in html


def test_a_form_too_large_for_the_kiosk_gets_the_same_page(client, db):
    response = client.post(reverse("cards:kiosk"), f"comment={THREE_MEGABYTES}", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "The form was too large to send" in response.content.decode()


def test_another_bad_request_says_it_could_not_be_read(client, db):
    response = client.get("/", HTTP_HOST="not a host")
    assert response.status_code == 400
    assert "The request could not be read" in response.content.decode()
