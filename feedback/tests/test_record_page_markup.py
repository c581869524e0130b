"""The step forms of a complaint's page and of a review request's page are drawn by
templates/_fields.html, not by crispy layouts, in the same Bootstrap 5 markup: what the
keyboard and a screen reader rely on stays (labels tied to their fields, radio groups and
checkbox groups in a fieldset with a legend, help and errors named by aria-describedby)."""

import re

import pytest
from django.urls import reverse

from feedback.models import Complaint
from feedback.tests.factories import ComplaintFactory, review_in


def page_of(response) -> str:
    """The HTML with the whitespace between tags taken out, as the browser ignores it."""
    return re.sub(r">\s+<", "><", response.content.decode())


@pytest.fixture
def complaint(desk, reference_desk):
    return ComplaintFactory(
        service_point=reference_desk, taken_by=desk, contact_email="philippa@example.org", status=Complaint.Status.IN_PROGRESS
    )


def complaint_url(complaint, name="detail"):
    return reverse(f"complaints:{name}", args=[complaint.pk])


def test_the_complaint_steps_are_labelled_and_described(supervisor_client, complaint):
    html = page_of(supervisor_client.get(complaint_url(complaint)))
    assert (
        '<label for="id_escalate-reason" class="form-label requiredField">Why it goes to the Director (internal)'
        '<span class="asteriskField">*</span></label>'
    ) in html
    assert (
        '<textarea name="escalate-reason" cols="40" rows="2" maxlength="4000" class="textarea form-control" required '
        'aria-describedby="id_escalate-reason_helptext" id="id_escalate-reason">'
    ) in html
    assert '<div id="id_escalate-reason_helptext" class="form-text">For staff only: it is never sent to the patron.</div>' in html
    assert '<select name="assign-assignee" class="select form-select" required id="id_assign-assignee">' in html
    assert '<label for="id_resolve-note" class="form-label">Internal note</label>' in html


def test_the_checklist_and_the_response_keep_their_groups(supervisor_client, complaint):
    html = page_of(supervisor_client.get(complaint_url(complaint)))
    assert '<fieldset class="checklist"><legend>How it was handled</legend>' in html
    assert re.search(
        r'<div class="mb-3"><div id="div_id_handled-tick_\d+" class="form-check"><input type="checkbox" '
        r'name="handled-tick_\d+" class="checkboxinput form-check-input" id="id_handled-tick_\d+">'
        r'<label for="id_handled-tick_\d+" class="form-check-label">Listened without judgment</label>',
        html,
    )
    assert '<textarea name="response" cols="40" rows="10" maxlength="4000" class="textarea form-control"' in html
    assert (
        '<fieldset><legend class="form-label fs-6">How the patron gets it</legend><div><div class="form-check">'
        '<input type="radio" class="form-check-input" name="channel" value="email" id="id_channel_0">'
        '<label for="id_channel_0" class="form-check-label">Send it by e-mail to philippa@example.org</label></div>'
    ) in html
    assert '<select name="kind" class="select form-select" aria-describedby="id_kind_helptext" id="id_kind">' in html


def test_a_refused_complaint_step_marks_its_field_and_ties_the_error_to_it(supervisor_client, complaint):
    response = supervisor_client.post(complaint_url(complaint, "escalate"), {"version": complaint.version, "escalate-reason": ""})
    assert response.status_code == 422
    html = page_of(response)
    assert (
        'class="textarea form-control is-invalid" required aria-invalid="true" '
        'aria-describedby="id_escalate-reason_helptext id_escalate-reason_error" id="id_escalate-reason">'
    ) in html
    assert (
        '<div id="id_escalate-reason_error" class="invalid-feedback">'
        '<span id="error_1_id_escalate-reason"><strong>Say why it goes to the Director.</strong></span></div>'
    ) in html


def test_a_response_sent_without_a_channel_marks_the_radio_group(supervisor_client, complaint):
    data = {"version": complaint.version, "action": "send", "response": "Dear patron", "channel": ""}
    html = page_of(supervisor_client.post(complaint_url(complaint, "respond"), data))
    assert '<fieldset aria-describedby="id_channel_error">' in html
    assert 'class="form-check-input is-invalid" name="channel" value="phone" id="id_channel_2" aria-invalid="true">' in html
    # The error under the last choice, inside the group the legend names.
    assert (
        '<label for="id_channel_3" class="form-check-label">Sent by letter (print it first)</label>'
        '<div id="id_channel_error" class="invalid-feedback">'
        '<p id="error_1_id_channel"><strong>Choose how the patron gets the response.</strong></p></div></div></div></fieldset>'
    ) in html


@pytest.fixture
def make(director, desk, desk2, supervisor, main_branch):
    def make_review(status):
        return review_in(status, by=director, taken_by=desk, branch=main_branch, reviewers=[desk, desk2, supervisor])

    return make_review


def review_url(review, name="detail"):
    return reverse(f"reviews:{name}", args=[review.pk])


def test_the_reply_step_draws_its_channels_side_by_side_in_a_fieldset(director_client, make):
    html = page_of(director_client.get(review_url(make("received"))))
    assert (
        '<div id="div_id_acknowledge-channel" class="mb-3"><fieldset>'
        '<legend class="fs-6 form-label requiredField">How the requester is told<span class="asteriskField">*</span></legend>'
        '<div><div class="form-check form-check-inline">'
        '<input type="radio" class="form-check-input" name="acknowledge-channel" value="email" '
        'id="id_acknowledge-channel_0" required checked>'
    ) in html
    assert 'class="textarea form-control" required aria-describedby="id_acknowledge-body_helptext" id="id_acknowledge-body">' in html


def test_the_committee_step_lists_the_reviewers_as_checkboxes_in_a_fieldset(director_client, make):
    html = page_of(director_client.get(review_url(make("acknowledged"))))
    assert (
        '<fieldset aria-describedby="id_assign_committee-reviewers_helptext">'
        '<legend class="form-label requiredField fs-6">Reviewers<span class="asteriskField">*</span></legend>'
        '<div><div class="form-check"><input type="checkbox" class="form-check-input" name="assign_committee-reviewers"'
    ) in html
    assert '<select name="assign_committee-chair" class="select form-select" required' in html


def test_a_refused_committee_ties_each_error_to_its_field(director_client, make):
    review = make("acknowledged")
    response = director_client.post(review_url(review, "assign_committee"), {"version": review.version})
    assert response.status_code == 422
    html = page_of(response)
    assert (
        '<fieldset aria-describedby="id_assign_committee-reviewers_helptext id_assign_committee-reviewers_error">'
    ) in html
    assert (
        '<div id="id_assign_committee-reviewers_error" class="invalid-feedback">'
        '<p id="error_1_id_assign_committee-reviewers"><strong>Choose the reviewers.</strong></p></div></div></div>'
        '<div id="id_assign_committee-reviewers_helptext" class="form-text">'
    ) in html
    assert (
        'class="select form-select is-invalid" required aria-invalid="true" '
        'aria-describedby="id_assign_committee-chair_helptext id_assign_committee-chair_error" id="id_assign_committee-chair">'
    ) in html


def test_a_reviewer_records_the_recommendation_with_labelled_checkboxes_and_radios(desk2_client, desk2, make):
    review = make("committee")
    html = page_of(desk2_client.get(review_url(review)))
    assert (
        '<input type="checkbox" name="recommend-read_whole_item" class="checkboxinput form-check-input" '
        'id="id_recommend-read_whole_item"><label for="id_recommend-read_whole_item" class="form-check-label">'
    ) in html
    assert '<div class="form-check form-check-inline"><input type="radio" class="form-check-input" name="recommend-recommendation"' in html

    row = review.reviewers.get(reviewer=desk2)
    response = desk2_client.post(review_url(review, "recommend"), {"version": row.version, "recommend-comments": "Fine"})
    html = page_of(response)
    assert '<fieldset aria-describedby="id_recommend-recommendation_error">' in html
    assert (
        '<div id="id_recommend-recommendation_error" class="invalid-feedback">'
        '<p id="error_1_id_recommend-recommendation"><strong>Choose what you recommend.</strong></p></div></fieldset>'
    ) in html


def test_publishing_carries_its_choice_in_a_hidden_field(director_client, make):
    html = page_of(director_client.get(review_url(make("notified"))))
    assert '<input type="hidden" name="publish-published" value="True" id="id_publish-published">' in html
