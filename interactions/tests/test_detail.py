import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from interactions.models import Interaction
from interactions.tests.factories import InteractionFactory
from patrons.tests.factories import PatronFactory
from staff.tests.factories import ServicePointFactory


def url(interaction):
    return reverse("interactions:detail", args=[interaction.pk])


@pytest.fixture
def logged_by_desk(desk, reference_desk):
    return InteractionFactory(
        service_point=reference_desk, staff=desk, note="Asked about a custody case", patron=PatronFactory(last_name="Abernathy")
    )


def correction(interaction, **overrides):
    data = {
        "kind": interaction.kind_id,
        "channel": interaction.channel,
        "effort": interaction.effort,
        "outcome": interaction.outcome,
        "alternative": interaction.alternative,
        "duration_minutes": "",
        "patron_card": "",
        "note": interaction.note,
        "occurred_at": timezone.localtime(interaction.occurred_at).strftime("%Y-%m-%dT%H:%M"),
        "version": interaction.version,
    }
    data.update(overrides)
    return data


def test_the_author_reads_the_patron_and_note_and_may_correct(desk_client, logged_by_desk):
    html = desk_client.get(url(logged_by_desk)).content.decode()
    assert "Asked about a custody case" in html
    assert "Abernathy" in html
    assert "Save correction" in html


def test_a_colleague_at_the_branch_sees_the_statistics_but_not_the_confidential_part(desk2_client, logged_by_desk):
    response = desk2_client.get(url(logged_by_desk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "custody" not in html and "Abernathy" not in html
    assert "Save correction" not in html


def test_a_colleague_cannot_correct_it(desk2_client, logged_by_desk):
    response = desk2_client.post(url(logged_by_desk), correction(logged_by_desk, note="changed"))
    assert response.status_code == 404
    logged_by_desk.refresh_from_db()
    assert logged_by_desk.note == "Asked about a custody case"


def test_another_branch_gets_404_as_if_it_did_not_exist(eastdesk_client, logged_by_desk):
    assert eastdesk_client.get(url(logged_by_desk)).status_code == 404
    assert eastdesk_client.get(reverse("interactions:detail", args=[999999])).status_code == 404


def test_the_supervisor_of_the_branch_and_the_director_read_the_note(supervisor_client, director_client, logged_by_desk):
    assert "custody" in supervisor_client.get(url(logged_by_desk)).content.decode()
    assert "custody" in director_client.get(url(logged_by_desk)).content.decode()


def test_a_supervisor_of_another_branch_gets_404(east_branch, east_desk, desk, reference_desk):
    from django.test import Client

    from staff import roles
    from staff.tests.factories import UserFactory

    east_supervisor = UserFactory(roles=[roles.SUPERVISOR], branches=[east_branch])
    client = Client()
    client.force_login(east_supervisor)
    interaction = InteractionFactory(service_point=reference_desk, staff=desk)
    assert client.get(url(interaction)).status_code == 404


def test_the_administrator_gets_403(itadmin_client, logged_by_desk):
    assert itadmin_client.get(url(logged_by_desk)).status_code == 403


def test_the_author_corrects_the_same_day_and_may_backdate(desk_client, logged_by_desk):
    earlier = timezone.localtime() - datetime.timedelta(minutes=30)
    response = desk_client.post(
        url(logged_by_desk), correction(logged_by_desk, effort=4, occurred_at=earlier.strftime("%Y-%m-%dT%H:%M"))
    )
    assert response.status_code == 302
    logged_by_desk.refresh_from_db()
    assert logged_by_desk.effort == 4
    assert logged_by_desk.version == 2


def test_a_correction_into_the_future_is_refused(desk_client, logged_by_desk):
    future = timezone.localtime() + datetime.timedelta(hours=3)
    response = desk_client.post(url(logged_by_desk), correction(logged_by_desk, occurred_at=future.strftime("%Y-%m-%dT%H:%M")))
    assert response.status_code == 422
    assert "cannot be in the future" in response.content.decode()


def test_the_author_cannot_correct_it_on_a_later_day(desk_client, desk, reference_desk):
    old = InteractionFactory(service_point=reference_desk, staff=desk)
    Interaction.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))
    html = desk_client.get(url(old)).content.decode()
    assert "Save correction" not in html
    assert desk_client.post(url(old), correction(old, effort=5)).status_code == 404


def test_two_tabs_the_second_save_is_refused_and_keeps_its_text(desk_client, supervisor_client, logged_by_desk):
    stale = correction(logged_by_desk, note="My version of the note")
    supervisor_client.post(url(logged_by_desk), correction(logged_by_desk, note="Supervisor's version"))
    response = desk_client.post(url(logged_by_desk), stale)
    html = response.content.decode()
    assert response.status_code == 422
    assert "Someone else saved a change" in html
    assert "My version of the note" in html
    logged_by_desk.refresh_from_db()
    assert logged_by_desk.note == "Supervisor's version"
    # Saving again from the page is a decision, and then it is saved.
    resend = correction(logged_by_desk, note="My version of the note")
    assert desk_client.post(url(logged_by_desk), resend).status_code == 302
    logged_by_desk.refresh_from_db()
    assert logged_by_desk.note == "My version of the note"


def test_a_supervisor_corrects_at_own_branch(supervisor_client, logged_by_desk):
    response = supervisor_client.post(url(logged_by_desk), correction(logged_by_desk, effort=2, note="Custody forms given"))
    assert response.status_code == 302
    logged_by_desk.refresh_from_db()
    assert (logged_by_desk.effort, logged_by_desk.note, logged_by_desk.version) == (2, "Custody forms given", 2)


def test_the_author_sees_own_interactions_of_earlier_days(desk_client, desk, main_branch):
    point = ServicePointFactory(branch=main_branch)
    old = InteractionFactory(
        service_point=point, staff=desk, note="Tax forms for last year", occurred_at=timezone.now() - datetime.timedelta(days=3)
    )
    response = desk_client.get(url(old))
    assert response.status_code == 200
    assert "Tax forms for last year" in response.content.decode()
