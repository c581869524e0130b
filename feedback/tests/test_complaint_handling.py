"""How a complaint was handled, ticked on the complaint page by whoever may work on it:
listened without judgment, the relevant policy referred to, Director referral considered,
patron told what happens next."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from feedback.tests.factories import ComplaintFactory
from policy.checklists import checklist_items_edit, complaint_ticks_record
from policy.models import ChecklistItem, ChecklistTick
from staff import roles
from staff.tests.factories import UserFactory


@pytest.fixture
def complaint(desk, reference_desk):
    return ComplaintFactory(service_point=reference_desk, taken_by=desk)


def handled(label):
    item = ChecklistItem.objects.get(checklist__key="complaint", label=label)
    return f"handled-tick_{item.pk}"


def url(complaint):
    return reverse("complaints:handled", args=[complaint.pk])


def test_the_supervisor_sees_how_it_was_handled_on_the_complaint_page(supervisor_client, complaint):
    html = supervisor_client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "How it was handled" in html
    for label in ["Listened without judgment", "The relevant policy referred to", "Referral to the Director considered", "Patron told what happens next"]:
        assert label in html


def test_ticking_records_each_item_with_the_version(supervisor_client, supervisor, complaint, reference_desk):
    response = supervisor_client.post(
        url(complaint), {handled("Listened without judgment"): "on", handled("Patron told what happens next"): "on"}
    )
    assert response.status_code == 302
    rows = ChecklistTick.objects.filter(complaint=complaint)
    assert rows.count() == 4
    assert set(rows.filter(ticked=True).values_list("item__label", flat=True)) == {
        "Listened without judgment",
        "Patron told what happens next",
    }
    tick = rows.first()
    assert (tick.by, tick.branch_id, tick.service_point, tick.version.number) == (supervisor, complaint.branch_id, reference_desk, 1)

    page = supervisor_client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    listened = handled("Listened without judgment")
    assert f'name="{listened}" class="checkboxinput form-check-input" id="id_{listened}" checked' in page


def test_saving_again_unticks_and_keeps_one_row_per_item(director_client, complaint):
    director_client.post(url(complaint), {handled("Listened without judgment"): "on"})
    director_client.post(url(complaint), {handled("The relevant policy referred to"): "on"})
    rows = ChecklistTick.objects.filter(complaint=complaint)
    assert rows.count() == 4
    assert list(rows.filter(ticked=True).values_list("item__label", flat=True)) == ["The relevant policy referred to"]


def test_whoever_took_it_sees_what_was_ticked_but_cannot_tick(desk_client, supervisor, complaint):
    complaint_ticks_record(
        complaint=complaint, by=supervisor, ticked={ChecklistItem.objects.get(label="Listened without judgment").pk}
    )
    html = desk_client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "How it was handled" in html and "Save how it was handled" not in html
    assert desk_client.post(url(complaint), {}).status_code == 403
    assert ChecklistTick.objects.filter(complaint=complaint, ticked=True).count() == 1


def test_the_complaint_shows_how_it_was_handled_in_the_words_asked_then(desk_client, supervisor, director, complaint):
    listened = ChecklistItem.objects.get(label="Listened without judgment")
    complaint_ticks_record(complaint=complaint, by=supervisor, ticked={listened.pk})
    checklist = listened.checklist
    changes = {listened.pk: {"label": "Listened, not judged"}}
    checklist_items_edit(checklist=checklist, by=director, version=checklist.version, changes=changes)
    html = desk_client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "Listened without judgment" in html and "Listened, not judged" not in html


def test_a_supervisor_of_another_branch_gets_404(east_branch, complaint):
    client = Client()
    client.force_login(UserFactory(roles=[roles.SUPERVISOR], branches=[east_branch]))
    assert client.post(url(complaint), {handled("Listened without judgment"): "on"}).status_code == 404
    assert not ChecklistTick.objects.exists()


def test_the_service_refuses_who_may_not_work_on_it(desk, complaint):
    with pytest.raises(PermissionDenied):
        complaint_ticks_record(complaint=complaint, by=desk, ticked=set())


def test_get_is_not_allowed(supervisor_client, complaint):
    assert supervisor_client.get(url(complaint)).status_code == 405
