"""The Director edits the checklists' items at /policies/checklists/; nobody else may."""

import pytest
from django.urls import reverse

from policy.models import Checklist, ChecklistItem

URL = reverse("policy:checklists")


def edit_data(checklist, **changes) -> dict:
    """The checklist's form as the page posts it, with `changes` by field name ("3_label")."""
    data = {"checklist": checklist.key, "version": checklist.version}
    for item in checklist.items.all():
        prefix = f"{checklist.key}-{item.pk}"
        data[f"{prefix}_label"] = item.label
        data[f"{prefix}_position"] = item.position
        data[f"{prefix}_only_when"] = item.only_when
        if item.default_ticked:
            data[f"{prefix}_default_ticked"] = "on"
        if item.active:
            data[f"{prefix}_active"] = "on"
    data.update({f"{checklist.key}-{name}": value for name, value in changes.items()})
    return {name: value for name, value in data.items() if value is not None}


@pytest.fixture
def interaction_list(db):
    return Checklist.objects.get(key="interaction")


def item(principle_key, checklist="interaction"):
    return ChecklistItem.objects.get(checklist__key=checklist, principle_key=principle_key)


def test_the_director_sees_every_checklist_with_its_principles(director_client):
    response = director_client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    for title in ["Interaction", "Phone", "Desk opening", "Desk closing", "New borrower welcome", "Complaint handling"]:
        assert title in html
    assert "Ask follow-up questions to make sure their needs have been met." in html
    assert "rewording an item changes what staff read from now on, never what earlier records say was asked" in html


def test_the_director_changes_label_default_position_and_whether_it_is_asked(director_client, interaction_list):
    follow_up, greet = item("follow-up"), item("greet")
    response = director_client.post(
        URL,
        edit_data(
            interaction_list,
            **{
                f"{follow_up.pk}_label": "Asked: anything else?",
                f"{follow_up.pk}_default_ticked": "on",
                f"{follow_up.pk}_position": "0",
                f"{greet.pk}_active": None,
            },
        ),
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    greet.refresh_from_db()
    assert (follow_up.label, follow_up.default_ticked, follow_up.position) == ("Asked: anything else?", True, 0)
    assert greet.active is False
    interaction_list.refresh_from_db()
    assert interaction_list.version == 2


def test_the_desk_form_follows_the_edit(director_client, desk_client, reference_desk, at_service_point, interaction_list):
    follow_up = item("follow-up")
    director_client.post(URL, edit_data(interaction_list, **{f"{follow_up.pk}_label": "Asked: anything else?"}))
    html = at_service_point(desk_client, reference_desk).get(reverse("interactions:desk")).content.decode()
    assert "Asked: anything else?" in html


def test_an_empty_label_is_refused_and_what_was_typed_is_kept(director_client, interaction_list):
    follow_up, greet = item("follow-up"), item("greet")
    response = director_client.post(
        URL, edit_data(interaction_list, **{f"{follow_up.pk}_label": "  ", f"{greet.pk}_label": "Smiled"})
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Write the label staff see next to the checkbox." in html
    assert ">\nSmiled</textarea>" in html
    greet.refresh_from_db()
    assert greet.label == "Greeted with a smile"


def test_a_long_label_is_shown_whole_in_a_box_that_wraps(director_client, interaction_list):
    follow_up = item("follow-up")
    long_label = "Asked whether there was anything else, and waited for the answer before turning to the next patron " + "x" * 19
    follow_up.label = long_label[:120]
    follow_up.save()
    html = director_client.get(URL).content.decode()
    box = html.split(f'name="interaction-{follow_up.pk}_label"')[0].rsplit("<", 1)[1]
    assert box.startswith("textarea")
    assert f">\n{follow_up.label}</textarea>" in html


def test_a_bad_position_says_what_to_fix(director_client, interaction_list):
    response = director_client.post(URL, edit_data(interaction_list, **{f"{item('greet').pk}_position": "first"}))
    assert response.status_code == 422
    assert "Give the position as a whole number" in response.content.decode()


def test_a_save_from_an_older_copy_is_refused(director_client, interaction_list):
    stale = edit_data(interaction_list, **{f"{item('greet').pk}_label": "Mine"})
    director_client.post(URL, edit_data(interaction_list, **{f"{item('greet').pk}_label": "Theirs"}))
    response = director_client.post(URL, stale)
    assert response.status_code == 409
    assert "Someone else saved the Interaction checklist" in response.content.decode()
    assert item("greet").label == "Theirs"


def test_a_principle_no_longer_in_the_policy_is_pointed_out(director_client):
    ChecklistItem.objects.filter(pk=item("greet").pk).update(principle_key="smile-gone")
    html = director_client.get(URL).content.decode()
    assert "No principle “smile-gone” in the current version" in html


@pytest.mark.parametrize("client_name", ["desk_client", "supervisor_client", "itadmin_client"])
def test_only_the_director_edits(request, client_name, interaction_list):
    client = request.getfixturevalue(client_name)
    response = client.post(URL, edit_data(interaction_list, **{f"{item('greet').pk}_label": "Hacked"}))
    assert response.status_code == 403
    assert item("greet").label == "Greeted with a smile"
