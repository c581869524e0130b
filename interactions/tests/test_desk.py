import pytest
from django.urls import reverse

from interactions.models import Interaction
from interactions.tests.factories import InteractionFactory, InteractionKindFactory

DESK = reverse("interactions:desk")


def test_without_a_service_point_staff_are_sent_to_choose_one(desk_client):
    response = desk_client.get(DESK)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("choose_service_point"))


def test_console_shows_quick_log_buttons_and_the_full_form(desk_at_reference):
    response = desk_at_reference.get(DESK)
    assert response.status_code == 200
    html = response.content.decode()
    for kind in ["Directional", "Reference", "Circulation/account", "Technology", "Policy/complaint", "Other"]:
        assert f">{kind}</button>" in html
    assert "Repeat last" in html
    assert 'name="note"' in html
    assert "Working at" in html and "Reference desk" in html


def test_todays_log_lists_interactions_here_newest_first_with_counts(
    desk_at_reference, desk, reference_desk, circulation_desk, directional, reference
):
    InteractionFactory(service_point=reference_desk, staff=desk, kind=directional)
    newest = InteractionFactory(service_point=reference_desk, staff=desk, kind=reference)
    InteractionFactory(service_point=circulation_desk, staff=desk, kind=reference)
    response = desk_at_reference.get(DESK)
    log = response.context["log"]
    assert [interaction.pk for interaction in log][0] == newest.pk
    assert len(log) == 2
    assert {row["kind__name"]: row["count"] for row in response.context["counts"]} == {
        "Directional": 1,
        "Reference": 1,
    }
    assert response.context["total"] == 2


def test_yesterdays_interactions_are_not_in_todays_log(desk_at_reference, desk, reference_desk):
    import datetime

    from django.utils import timezone

    InteractionFactory(
        service_point=reference_desk, staff=desk, occurred_at=timezone.now() - datetime.timedelta(days=1)
    )
    assert desk_at_reference.get(DESK).context["total"] == 0


def test_todays_log_shows_no_patron_and_no_note(desk_at_reference, desk2, reference_desk):
    from patrons.tests.factories import PatronFactory

    patron = PatronFactory(last_name="Quixotic")
    InteractionFactory(service_point=reference_desk, staff=desk2, patron=patron, note="Asked about divorce law")
    html = desk_at_reference.get(DESK).content.decode()
    assert "Quixotic" not in html
    assert "divorce" not in html


def test_the_administrator_has_no_desk(itadmin_client):
    assert itadmin_client.get(DESK).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(DESK)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_service_point_of_another_branch_in_the_session_is_not_used(
    desk_client, east_desk, at_service_point
):
    at_service_point(desk_client, east_desk)
    response = desk_client.get(DESK)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("choose_service_point"))


@pytest.mark.parametrize("volume", [5, 60])
def test_console_runs_a_constant_number_of_queries(
    desk_at_reference, desk, desk2, reference_desk, django_assert_max_num_queries, volume
):
    InteractionFactory.create_batch(volume, service_point=reference_desk, staff=desk2)
    InteractionFactory.create_batch(volume, service_point=reference_desk, staff=desk)
    # What is the same for everyone (the checklists' items, the quick-log kinds, the policy
    # versions in effect) is cached after the first page (servicedesk/lib/shared_cache.py).
    desk_at_reference.get(DESK)
    with django_assert_max_num_queries(9):
        response = desk_at_reference.get(DESK)
    assert response.context["total"] == 2 * volume


def test_post_is_not_allowed_on_the_console(desk_at_reference):
    assert desk_at_reference.post(DESK).status_code == 405


def test_the_log_is_capped_and_says_so(desk_at_reference, desk, reference_desk):
    InteractionFactory.create_batch(101, service_point=reference_desk, staff=desk)
    response = desk_at_reference.get(DESK)
    assert len(response.context["log"]) == 100
    assert "Showing the newest 100 of 101." in response.content.decode()


def test_a_note_with_script_is_never_rendered_as_html(desk_at_reference, desk, reference_desk):
    interaction = InteractionFactory(service_point=reference_desk, staff=desk, note="<script>alert(1)</script>")
    html = desk_at_reference.get(reverse("interactions:detail", args=[interaction.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert Interaction.objects.count() == 1


def test_todays_log_names_who_logged_each_by_their_name(desk_at_reference, desk2, reference_desk):
    """People are shown by name where the account has one, as on every other page."""
    desk2.first_name, desk2.last_name = "Tomas", "Lindqvist"
    desk2.save()
    InteractionFactory(service_point=reference_desk, staff=desk2)
    html = desk_at_reference.get(DESK).content.decode()
    assert "<td>Tomas Lindqvist</td>" in html
    assert "<td>desk2</td>" not in html


def test_a_kind_withdrawn_is_no_longer_offered_on_the_form(desk_at_reference):
    """The form's kinds are cached for everyone; changing a kind starts afresh."""
    kind = InteractionKindFactory(name="Tax forms")
    assert '>Tax forms</option>' in desk_at_reference.get(DESK).content.decode()
    kind.is_active = False
    kind.save()
    assert '>Tax forms</option>' not in desk_at_reference.get(DESK).content.decode()
