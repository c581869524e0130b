"""Who has read the version in effect (/policies/<id>/acknowledgments/): a supervisor sees own
branch's staff, the Director everyone; desk staff and the Administrator are refused."""

import pytest
from django.urls import reverse

from policy.tests.factories import AcknowledgmentFactory, PolicyVersionFactory
from staff import roles
from staff.tests.factories import UserFactory


def who_read(client, policy):
    return client.get(reverse("policy:acknowledgments", args=[policy.pk]))


def usernames(response) -> list[str]:
    return [person.username for person in response.context["rows"]]


def test_a_supervisor_sees_own_branch_with_those_who_have_not_read_it_first(
    supervisor_client, policy, current, desk, desk2, eastdesk, supervisor, director, itadmin
):
    AcknowledgmentFactory(version=current, user=desk)
    response = who_read(supervisor_client, policy)
    html = response.content.decode()
    assert response.status_code == 200
    assert set(usernames(response)) == {"desk", "desk2", "supervisor"}
    assert usernames(response)[-1] == "desk"
    assert "eastdesk" not in html and "itadmin" not in html and "director" not in html
    assert "1 of 3 staff have confirmed that they read it, 2 not yet." in html
    assert html.count("Not yet") == 2


def test_the_director_sees_every_branch(director_client, policy, current, desk, eastdesk, supervisor, itadmin, director):
    response = who_read(director_client, policy)
    assert set(usernames(response)) == {"desk", "eastdesk", "supervisor", "director"}


def test_an_acknowledgment_of_an_earlier_version_does_not_count(director_client, director, policy, current, desk):
    AcknowledgmentFactory(version=current, user=desk)
    PolicyVersionFactory(policy=policy, number=2, effective_on=current.effective_on)
    response = who_read(director_client, policy)
    assert all(person.acknowledged_at is None for person in response.context["rows"])


@pytest.mark.parametrize("persona", ["desk_client", "eastdesk_client", "itadmin_client"])
def test_desk_staff_and_the_administrator_are_refused(persona, request, policy):
    response = who_read(request.getfixturevalue(persona), policy)
    assert response.status_code == 403
    assert "Who has read a policy: not part of your role" in response.content.decode()


def test_a_missing_policy_is_not_found(director_client, policy):
    assert director_client.get(reverse("policy:acknowledgments", args=[policy.pk + 50])).status_code == 404


@pytest.mark.parametrize("staff", [2, 30])
def test_the_page_costs_the_same_queries_whatever_the_staff(
    staff, supervisor_client, supervisor, main_branch, policy, current, django_assert_max_num_queries
):
    for person in UserFactory.create_batch(staff, roles=[roles.DESK], branches=[main_branch]):
        AcknowledgmentFactory(version=current, user=person)
    with django_assert_max_num_queries(12):
        response = who_read(supervisor_client, policy)
    assert len(response.context["rows"]) == staff + 1
