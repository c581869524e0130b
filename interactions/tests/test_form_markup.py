"""The desk form is drawn by its own template (templates/interactions/_interaction_form.html),
in the Bootstrap 5 markup the rest of the app gets from crispy-forms: what the page's script,
the keyboard and a screen reader rely on stays."""

from django.urls import reverse

from interactions.tests.test_log import form_data

DESK = reverse("interactions:desk")
LOG = reverse("interactions:log")


def test_the_console_draws_the_groups_the_script_and_the_keyboard_rely_on(desk_at_reference):
    html = desk_at_reference.get(DESK).content.decode()
    assert '<select name="kind" autofocus class="select form-select" id="id_kind">' in html
    assert '<fieldset aria-describedby="id_effort_helptext">' in html
    assert 'class="form-check-input" name="channel" value="in_person" id="id_channel_0" required checked>' in html
    assert '<div id="alternative-field" class="col-md-4" data-only-when="needs_alternative">' in html
    assert '<div id="interaction-checklist" class="row checklist" aria-label="Checklist" role="group">' in html
    assert 'data-only-when="phone"' in html
    assert 'name="initial-occurred_at"' in html
    assert '<div id="id_note_helptext" class="form-text">Confidential.' in html


def test_errors_are_marked_on_the_field_and_tied_to_it(desk_at_reference, reference):
    data = form_data(reference, effort="9", duration_minutes="abc")
    data["kind"] = ""
    html = desk_at_reference.post(LOG, data, HTTP_HX_REQUEST="true").content.decode()
    assert (
        'class="select form-select is-invalid" aria-invalid="true" aria-describedby="id_kind_error" id="id_kind"'
        in html
    )
    assert '<div id="id_kind_error" class="invalid-feedback">' in html
    assert '<span id="error_1_id_kind"><strong>Choose the kind of question.</strong></span>' in html
    assert '<fieldset aria-describedby="id_effort_helptext id_effort_error">' in html
    assert 'class="form-check-input is-invalid" name="effort" value="1" id="id_effort_0" required aria-invalid="true">' in html
    assert 'class="numberinput form-control is-invalid" aria-invalid="true"' in html
    assert 'class="select form-select" id="id_outcome"' in html
