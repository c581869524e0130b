"""Handover notes: written by staff at a service point, shown at sign-on and at the top of
the console's live lists until someone dismisses them (who, when); cleared by retention."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from desk.models import HandoverNote
from desk.services.coverage import handover_note_dismiss, handover_note_write
from desk.tests.factories_coverage import HandoverNoteFactory
from staff.models import LibrarySettings

NEW = reverse("desk:handover_new")
LIVE = reverse("desk:live")
TEXT = "A patron is coming back at three for the tax forms."


def dismiss_url(note):
    return reverse("desk:handover_dismiss", args=[note.pk])


@pytest.fixture
def note(desk2, reference_desk):
    desk2.first_name, desk2.last_name = "Tomas", "Lindqvist"
    desk2.save()
    return HandoverNoteFactory(service_point=reference_desk, written_by=desk2, text=TEXT)


# Services -----------------------------------------------------------------------------------

def test_staff_leave_a_note_at_their_branchs_point(desk, reference_desk):
    note = handover_note_write(by=desk, service_point=reference_desk, text=f"  {TEXT}  ")
    assert (note.text, note.written_by, note.dismissed_at) == (TEXT, desk, None)


def test_a_note_needs_text(desk, reference_desk):
    with pytest.raises(ValidationError):
        handover_note_write(by=desk, service_point=reference_desk, text="   ")


@pytest.mark.parametrize("persona", ["eastdesk", "itadmin"])
def test_no_note_at_another_branch_or_without_serving(request, persona, reference_desk):
    with pytest.raises(PermissionDenied):
        handover_note_write(by=request.getfixturevalue(persona), service_point=reference_desk, text=TEXT)


def test_dismissing_says_who_and_when(note, desk):
    dismissed = handover_note_dismiss(note=note, by=desk)
    assert dismissed.dismissed_by == desk and dismissed.dismissed_at is not None


def test_a_note_is_dismissed_once(note, desk, supervisor):
    handover_note_dismiss(note=note, by=desk)
    with pytest.raises(ValidationError, match="already dismissed"):
        handover_note_dismiss(note=note, by=supervisor)


def test_another_branch_cannot_dismiss_it(note, eastdesk):
    with pytest.raises(PermissionDenied):
        handover_note_dismiss(note=note, by=eastdesk)
    note.refresh_from_db()
    assert note.dismissed_at is None


# Views --------------------------------------------------------------------------------------

def test_the_console_shows_the_note_first_by_its_authors_name(desk_at_reference, note):
    html = desk_at_reference.get(LIVE).content.decode()
    assert html.index('id="handover"') < html.index("</div>")
    assert TEXT in html and "Tomas Lindqvist" in html
    assert f'hx-post="{dismiss_url(note)}"' in html


def test_a_note_shows_only_at_its_own_point(desk_client, circulation_desk, at_service_point, note):
    html = at_service_point(desk_client, circulation_desk).get(LIVE).content.decode()
    assert TEXT not in html and "No handover notes here." in html


def test_writing_a_note(desk_at_reference, desk, reference_desk):
    assert desk_at_reference.get(NEW).status_code == 200
    response = desk_at_reference.post(NEW, {"text": TEXT})
    assert response["Location"] == reverse("interactions:desk")
    assert HandoverNote.objects.get().written_by == desk


def test_an_empty_or_long_note_is_refused_and_keeps_what_was_typed(desk_at_reference):
    response = desk_at_reference.post(NEW, {"text": "  "})
    assert response.status_code == 422
    assert "Write the note" in response.content.decode()
    long = "x" * 501
    response = desk_at_reference.post(NEW, {"text": long})
    assert response.status_code == 422
    assert "Keep the note to 500 characters (it has 501)" in response.content.decode()
    assert long in response.content.decode()
    assert not HandoverNote.objects.exists()


def test_writing_needs_a_service_point(desk_client, itadmin_client):
    assert desk_client.get(NEW)["Location"].startswith(reverse("choose_service_point"))
    assert itadmin_client.get(NEW).status_code == 403


def test_dismissing_with_htmx_answers_the_section(desk_at_reference, note, desk):
    response = desk_at_reference.post(dismiss_url(note), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="handover"')
    assert "Handover note dismissed." in html and TEXT not in html
    note.refresh_from_db()
    assert note.dismissed_by == desk


def test_dismissing_without_htmx_goes_back_to_the_console(desk_at_reference, note):
    response = desk_at_reference.post(dismiss_url(note), follow=True)
    assert "Handover note dismissed." in response.content.decode()
    response = desk_at_reference.post(dismiss_url(note), follow=True)
    assert "This note was already dismissed." in response.content.decode()


def test_another_branchs_note_is_not_found(eastdesk_client, east_desk, at_service_point, note):
    assert at_service_point(eastdesk_client, east_desk).post(dismiss_url(note)).status_code == 404
    note.refresh_from_db()
    assert note.dismissed_at is None


def test_signing_on_shows_the_notes_waiting_there(desk_client, reference_desk, note):
    response = desk_client.post(reverse("choose_service_point"), {"service_point": reference_desk.pk}, follow=True)
    assert "Handover note from Tomas Lindqvist" in response.content.decode()
    assert TEXT in response.content.decode()


def test_the_live_lists_stay_a_constant_number_of_queries(desk_at_reference, reference_desk, desk2, django_assert_num_queries):
    HandoverNoteFactory(service_point=reference_desk, written_by=desk2)
    desk_at_reference.get(LIVE)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        desk_at_reference.get(LIVE)
    HandoverNoteFactory.create_batch(5, service_point=reference_desk)
    with django_assert_num_queries(len(few)):
        desk_at_reference.get(LIVE)


# Retention ----------------------------------------------------------------------------------

def test_retention_clears_the_text_of_old_notes(note, reference_desk, desk):
    recent = HandoverNoteFactory(service_point=reference_desk, written_by=desk, text="Fresh note")
    HandoverNote.objects.filter(pk=note.pk).update(written_at=timezone.now() - datetime.timedelta(days=100))
    LibrarySettings.objects.update_or_create(pk=1, defaults={"retention_days": 90})
    out = StringIO()
    call_command("deidentify", "--dry-run", stdout=out)
    assert "1 would lose their text" in out.getvalue()
    call_command("deidentify", stdout=out)
    note.refresh_from_db()
    recent.refresh_from_db()
    assert TEXT not in note.text and note.deidentified_at is not None and note.written_by_id
    assert recent.text == "Fresh note"
