"""Fixtures shared by the tests of the review services: the clock, a committee with e-mail
addresses, and requests made through the real services up to a status."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from feedback.tests.factories import review_in

FRIDAY = datetime.datetime(2026, 3, 6, 10, 0, tzinfo=datetime.UTC)
NOTE = "Internal: the requester was shouting"


@pytest.fixture
def clock(monkeypatch):
    """Set the time the services see (and so "today")."""

    def at(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return at


@pytest.fixture
def committee(desk, desk2, supervisor):
    for user, address in ((desk, "desk@example.org"), (desk2, "desk2@example.org"), (supervisor, "sup@example.org")):
        user.email = address
        user.save()
    return [desk, desk2, supervisor]


@pytest.fixture
def make(director, desk, main_branch, committee):
    director.email = "director@example.org"
    director.save()

    def make_review(status="received", **fields):
        return review_in(status, by=director, taken_by=desk, branch=main_branch, reviewers=committee, **fields)

    return make_review


def message_of(error: ValidationError) -> str:
    return " ".join(error.messages)
