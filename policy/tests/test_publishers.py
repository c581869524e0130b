"""The Director delegates publishing (/policies/publishers/): the permission
policy.publish_policyversion on the account, each change in the access record."""

import pytest
from django.urls import reverse

from staff.access import may_publish_policy
from staff.models import AccessRecord

PUBLISHERS = reverse("policy:publishers")


def grant(client, user):
    return client.post(PUBLISHERS, {"action": "grant", "user": user.pk})


def withdraw(client, user):
    return client.post(PUBLISHERS, {"action": "withdraw", "user": user.pk})


def test_the_director_lets_a_supervisor_publish_and_withdraws_it(director_client, director, supervisor, policy):
    assert not may_publish_policy(supervisor)
    response = grant(director_client, supervisor)
    assert response.status_code == 302
    supervisor = type(supervisor).objects.get(pk=supervisor.pk)
    assert may_publish_policy(supervisor)
    html = director_client.get(PUBLISHERS).content.decode()
    assert f"Withdraw<span class=\"visually-hidden\"> publishing from {supervisor.get_full_name()}" in html

    assert withdraw(director_client, supervisor).status_code == 302
    assert not may_publish_policy(type(supervisor).objects.get(pk=supervisor.pk))
    changes = AccessRecord.objects.filter(action=AccessRecord.Action.ROLE_CHANGE, record_id=supervisor.pk, actor=director)
    assert changes.count() == 2


def test_only_staff_who_serve_patrons_are_offered(director_client, desk, itadmin, director):
    html = director_client.get(PUBLISHERS).content.decode()
    assert f'value="{desk.pk}"' in html
    assert f'value="{itadmin.pk}"' not in html
    assert f'value="{director.pk}"' not in html
    response = grant(director_client, itadmin)
    assert response.status_code == 422
    assert "Choose a staff member from the list" in response.content.decode()
    assert not itadmin.user_permissions.exists()


def test_choosing_no_one_says_so(director_client, director):
    response = director_client.post(PUBLISHERS, {"action": "grant", "user": ""})
    assert response.status_code == 422
    assert "Choose the staff member who may publish." in response.content.decode()


def test_withdrawing_from_someone_who_does_not_publish_is_not_found(director_client, desk):
    assert withdraw(director_client, desk).status_code == 404


@pytest.mark.parametrize("persona", ["desk_client", "supervisor_client", "itadmin_client"])
def test_only_the_director_delegates(persona, request, desk):
    client = request.getfixturevalue(persona)
    assert client.get(PUBLISHERS).status_code == 403
    response = grant(client, desk)
    assert response.status_code == 403
    assert "Delegating policy publishing: not part of your role" in response.content.decode()
    assert not desk.user_permissions.exists()
