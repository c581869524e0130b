"""Every URL of the app, as every persona, answers what roles.md says, to a GET and to a POST.

The URL patterns are discovered from the URL configuration: a new page without a row in
EXPECTED (servicedesk/tests/url_matrix.py) fails this test until someone decides who may open it, and a URL that takes a POST
without a row in EXPECTED_POST fails until someone decides who may act. The Django admin is
left to Django (is_staff and model permissions) and to staff/tests/test_admin.py.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from servicedesk.tests.url_matrix import EXPECTED, EXPECTED_POST, PERSONAS, POST_ONLY

def discovered_url_names():
    names, unnamed = set(), []

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                walk(pattern.url_patterns, f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix)
            elif isinstance(pattern, URLPattern):
                if pattern.name:
                    names.add(prefix + pattern.name)
                else:
                    unnamed.append(str(pattern.pattern))

    walk(get_resolver().url_patterns, "")
    return names, unnamed


def test_every_url_has_an_expected_row_and_every_row_a_url():
    names, unnamed = discovered_url_names()
    assert unnamed == [], "name these URL patterns so the matrix can cover them"
    assert names - EXPECTED.keys() == set(), "add these URLs to EXPECTED: who may open them?"
    assert EXPECTED.keys() - names == set(), "these rows name URLs that no longer exist"
    assert EXPECTED_POST.keys() - names == set(), "these POST rows name URLs that no longer exist"


@pytest.fixture
def records(desk, desk2, itadmin, reference_desk, main_branch):
    from axes.models import AccessAttempt
    from desk.tests.factories_callbacks import CallbackFactory
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from desk.tests.factories_coverage import HandoverNoteFactory
    from desk.tests.factories_waiting import WaitingPatronFactory
    from desk.tests.factories_referrals import ExpertFactory, PlaceFactory, ReferralFactory
    from feedback.tests.factories import (
        CommentCardFactory,
        ComplaintFactory,
        PurchaseSuggestionFactory,
        ReviewRequestFactory,
    )
    from interactions.models import InteractionKind
    from interactions.tests.factories import InteractionFactory
    from outbox.tests.factories import MessageFactory
    from patrons.tests.factories import PatronFactory
    from policy.models import Policy
    from staff.models import RoleGrant

    return {
        "interaction": InteractionFactory(service_point=reference_desk, staff=desk, note="private"),
        "waiting": WaitingPatronFactory(service_point=reference_desk, added_by=desk),
        "patron": PatronFactory(home_branch=main_branch),
        "kind": InteractionKind.objects.get(name="Directional"),
        "policy": Policy.objects.get(title="Customer Service Policy"),
        # A URL of several arguments: the policy and the version's number.
        "policy_version": (Policy.objects.get(title="Customer Service Policy").pk, 1),
        "complaint": ComplaintFactory(service_point=reference_desk, taken_by=desk),
        "review": ReviewRequestFactory(branch=main_branch, taken_by=desk),
        "published_review": ReviewRequestFactory(
            branch=main_branch, taken_by=desk, status="notified", decision="retain", decided_at=timezone.now(), published=True
        ),
        "card": CommentCardFactory(branch=main_branch, source="paper", typed_in_by=desk),
        "suggestion": PurchaseSuggestionFactory(branch=main_branch, taken_by=desk),
        "callback": CallbackFactory(service_point=reference_desk, created_by=desk),
        "referral": ReferralFactory(service_point=reference_desk, referred_by=desk, referred_to=ExpertFactory(user=desk2)),
        "department": PlaceFactory(branch=main_branch),
        "role_grant": RoleGrant.objects.create(user=desk2, role=Group.objects.get(name="Supervisor"), asked_by=itadmin),
        "handover_note": HandoverNoteFactory(service_point=reference_desk, written_by=desk),
        # A report's section and table (reports:export).
        "report_table": ("interactions", "by-kind"),
        "outbox_message": MessageFactory(branch=main_branch, status="failed"),
        "lockout": AccessAttempt.objects.create(
            username="desk", ip_address="10.0.0.5", user_agent="", failures_since_start=5
        ),
    }


@pytest.fixture
def client_as(request, reference_desk, east_desk, at_service_point):
    """A client signed in as the persona and working at a service point of its branch."""

    def make(persona):
        if persona == "anonymous":
            return Client()
        user = request.getfixturevalue(persona)
        client = Client()
        client.force_login(user)
        if persona == "eastdesk":
            at_service_point(client, east_desk)
        elif persona != "itadmin":
            at_service_point(client, reference_desk)
        return client

    return make


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", sorted(EXPECTED))
def test_the_answer_matches_roles_md(url_name, persona, records, client_as):
    record, expected = EXPECTED[url_name]
    value = records[record] if record else None
    args = list(value) if isinstance(value, tuple) else [value.pk] if value else []
    response = client_as(persona).get(reverse(url_name, args=args))
    assert response.status_code == expected[persona], (
        f"GET {url_name} as {persona}: {response.status_code}, roles.md says {expected[persona]}"
    )


def _post(client, url_name, records):
    record, _ = EXPECTED[url_name]
    value = records[record] if record else None
    args = list(value) if isinstance(value, tuple) else [value.pk] if value else []
    # The record's version, as its page sends it (a policy version's number: 1).
    data = {"version": getattr(value, "version", 1), "based_on": 1}
    return client.post(reverse(url_name, args=args), data)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", sorted(EXPECTED_POST))
def test_who_may_act_matches_roles_md(url_name, persona, records, client_as):
    expected = EXPECTED_POST[url_name][persona]
    response = _post(client_as(persona), url_name, records)
    assert response.status_code == expected, f"POST {url_name} as {persona}: {response.status_code}, roles.md says {expected}"


@pytest.mark.parametrize("url_name", sorted(EXPECTED.keys() - EXPECTED_POST.keys()))
def test_a_url_without_a_post_row_refuses_a_post(url_name, records, client_as):
    """The Director passes most role checks: a POST that is not refused as a method needs a row."""
    response = _post(client_as("director"), url_name, records)
    assert response.status_code == 405, f"POST {url_name} answers {response.status_code}: add it to EXPECTED_POST"
