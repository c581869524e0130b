"""When the database cannot be reached (a restart, a network drop), every page answers the 503
page: in the site's style, with Retry-After, no traceback, and without touching the database."""

from unittest import mock

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.db import DatabaseError, InterfaceError, OperationalError
from django.test import Client
from django.urls import reverse

from servicedesk.views import server_error

SECRET = "could not connect to server: Connection refused at 10.1.2.3"


@pytest.fixture
def signed_in(desk):
    """A client signed in as desk staff whose failures answer as a browser sees them. (Not
    named `browser`: that is Playwright's fixture, and taking its name made these tests
    browser tests, which pulled every browser test to the middle of the run.)"""
    client = Client(raise_request_exception=False)
    client.force_login(desk)
    return client


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_view_that_loses_the_database_answers_the_503_page(signed_in, error):
    with mock.patch("feedback.views.complaints.selectors.complaint_queue", side_effect=error(SECRET)):
        response = signed_in.get(reverse("complaints:queue"))
    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    html = response.content.decode()
    assert "The service desk is back in a moment" in html
    assert "Nothing you saved before is lost" in html
    assert "bootstrap.min.css" in html and "app-navbar" in html
    assert SECRET not in html and "Traceback" not in html and error.__name__ not in html


def test_a_database_gone_before_the_view_answers_the_same_page(signed_in):
    """The session is read in the middleware, before any view: the same page, not a 500."""
    with mock.patch("django.contrib.sessions.backends.db.SessionStore.load", side_effect=OperationalError(SECRET)):
        response = signed_in.get(reverse("complaints:queue"))
    assert response.status_code == 503
    assert "The service desk is back in a moment" in response.content.decode()


def test_the_503_page_reads_nothing_from_the_database(rf, db, django_assert_num_queries):
    request = rf.get("/desk/")
    with django_assert_num_queries(0):
        try:
            raise OperationalError(SECRET)
        except OperationalError:
            response = server_error(request)
    assert response.status_code == 503


def test_any_other_error_still_answers_the_500_page(signed_in):
    with mock.patch("feedback.views.complaints.selectors.complaint_queue", side_effect=RuntimeError(SECRET)):
        response = signed_in.get(reverse("complaints:queue"))
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Something went wrong on our side" in response.content.decode()
    assert SECRET not in response.content.decode()


def test_a_session_that_cannot_be_saved_while_the_database_is_away_answers_503_not_400(signed_in, settings):
    """Django turns the failed save into "the session was interrupted" (400): the cause is the database."""
    settings.SESSION_SAVE_EVERY_REQUEST = True

    def save(self, must_create=False):
        try:
            raise OperationalError(SECRET)
        except DatabaseError:
            raise UpdateError  # as SessionStore.save does

    with mock.patch("django.contrib.sessions.backends.db.SessionStore.save", save):
        response = signed_in.get(reverse("complaints:queue"))
    assert response.status_code == 503
    assert "The service desk is back in a moment" in response.content.decode()


def test_a_session_interrupted_otherwise_still_answers_400(signed_in, settings):
    settings.SESSION_SAVE_EVERY_REQUEST = True

    def save(self, must_create=False):
        raise UpdateError

    with mock.patch("django.contrib.sessions.backends.db.SessionStore.save", save):
        response = signed_in.get(reverse("complaints:queue"))
    assert response.status_code == 400
