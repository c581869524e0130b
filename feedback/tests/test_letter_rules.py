"""A letter with a template's instruction still in it, or that is its template word for word,
is neither sent nor printed as final, wherever it would leave (feedback/services/letter_rules.py):
the page says which part still needs writing, keeps what was typed and records nothing as sent."""

from html import unescape

import pytest
from django.core import mail
from django.urls import reverse

from feedback.models import Complaint, Reply, ReplyTemplate
from feedback.services import cards, complaint_letters
from feedback.services.letter_rules import unwritten
from feedback.tests.factories import ComplaintFactory, review_in

INSTRUCTION = "[What we found, what we have done, and what happens next.]"
TEMPLATE = "Dear {name},\n\nThank you, {branch}.\n\n[Your answer.]\n\nYours,\n{branch}"
ANSWER_FRAME = "Dear {name},\n\nThank you for your card.\n\n\n\nWith best wishes,\n{branch}"


# The rule on its own ----------------------------------------------------------------------------

def test_a_letter_with_an_instruction_in_brackets_is_unwritten_and_the_message_quotes_it():
    assert "“[Your answer.]”" in unwritten("Dear Ann,\n\n[Your answer.]\n\nYours")


def test_a_placeholder_nothing_filled_is_unwritten():
    assert "“{appeal_by}”" in unwritten("You may appeal by {appeal_by}.")


def test_an_answer_template_filled_in_but_not_answered_is_unwritten_however_it_is_spaced():
    sent_as_is = "Dear Ann Patron,  \r\n\r\nThank you for your card.\r\n\r\n\r\n\r\n\r\nWith best wishes,\r\nMain\n"
    assert "template word for word" in unwritten(sent_as_is, templates=[ANSWER_FRAME])


def test_an_answer_template_with_its_instruction_only_deleted_is_unwritten():
    assert "template word for word" in unwritten("Dear Ann,\n\nThank you, Main.\n\nYours,\nMain", templates=[TEMPLATE])


def test_a_letter_with_the_senders_own_words_is_written():
    answered = "Dear Ann Patron,\n\nThank you for your card.\n\nThe lift is mended.\n\nWith best wishes,\nMain"
    assert unwritten(answered, templates=[ANSWER_FRAME, TEMPLATE]) == ""


def test_a_complete_letter_is_not_refused_for_following_a_template_that_is_not_an_answer():
    assert unwritten("Dear Ann,\n\nWe have received your comments.") == ""


# A complaint's response ---------------------------------------------------------------------------

@pytest.fixture
def complaint(desk, reference_desk):
    return ComplaintFactory(
        service_point=reference_desk, taken_by=desk, contact_name="Ann Patron", contact_email="ann@example.org",
        status=Complaint.Status.IN_PROGRESS,
    )


def send(client, complaint, text):
    data = {"version": complaint.version, "response": text, "action": "send", "channel": "email", "kind": "complaint_response"}
    return client.post(reverse("complaints:respond", args=[complaint.pk]), data)


def test_the_response_template_sent_untouched_is_refused_quoting_the_part_to_write(
    supervisor, supervisor_client, complaint, django_capture_on_commit_callbacks
):
    draft = complaint_letters.draft_from_template(complaint, ReplyTemplate.Kind.COMPLAINT_RESPONSE, by=supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(supervisor_client, complaint, draft)
    page = unescape(response.content.decode())
    assert response.status_code == 422
    assert f"Write the part that still says “{INSTRUCTION}”" in page
    assert response.context["response_form"]["response"].value() == draft
    complaint.refresh_from_db()
    assert (complaint.response, complaint.version) == ("", 1)
    assert mail.outbox == [] and not Reply.objects.exists()


def test_the_response_template_with_only_the_instruction_deleted_is_refused(supervisor, supervisor_client, complaint):
    draft = complaint_letters.draft_from_template(complaint, ReplyTemplate.Kind.COMPLAINT_RESPONSE, by=supervisor)
    response = send(supervisor_client, complaint, draft.replace(INSTRUCTION, ""))
    assert response.status_code == 422
    assert "This is still the template word for word" in unescape(response.content.decode())
    assert not Reply.objects.exists()


def test_the_response_written_in_place_of_the_instruction_is_sent(
    supervisor, supervisor_client, complaint, django_capture_on_commit_callbacks
):
    draft = complaint_letters.draft_from_template(complaint, ReplyTemplate.Kind.COMPLAINT_RESPONSE, by=supervisor)
    written = draft.replace(INSTRUCTION, "The reading room will post closures a week ahead.")
    with django_capture_on_commit_callbacks(execute=True):
        assert send(supervisor_client, complaint, written).status_code == 302
    [sent] = mail.outbox
    assert "The reading room will post closures a week ahead." in sent.body and "[" not in sent.body


def test_the_letter_page_does_not_print_an_unwritten_response(supervisor, supervisor_client, complaint):
    draft = complaint_letters.draft_from_template(complaint, ReplyTemplate.Kind.COMPLAINT_RESPONSE, by=supervisor)
    Complaint.objects.filter(pk=complaint.pk).update(response=draft)
    page = unescape(supervisor_client.get(reverse("complaints:letter", args=[complaint.pk])).content.decode())
    assert f"Not ready to print: Write the part that still says “{INSTRUCTION}”" in page
    assert 'class="printable letter"' not in page and "data-print" not in page

    Complaint.objects.filter(pk=complaint.pk).update(response=draft.replace(INSTRUCTION, "We have fixed it."))
    page = supervisor_client.get(reverse("complaints:letter", args=[complaint.pk])).content.decode()
    assert 'class="printable letter"' in page and "We have fixed it." in page


# A comment card's reply, a review's letters -------------------------------------------------------

def test_a_card_reply_that_is_its_template_word_for_word_is_refused(main_branch, supervisor_client):
    card = cards.card_receive(
        branch=main_branch, kind="complaint", comment="The lift is broken.", name="Agatha", contact="agatha@example.org",
        wants_reply=True,
    )
    draft = supervisor_client.get(reverse("cards:detail", args=[card.pk])).context["reply_form"]["body"].initial
    data = {"reply-body": draft, "reply-channel": "email", "version": card.version}
    response = supervisor_client.post(reverse("cards:reply", args=[card.pk]), data)
    assert response.status_code == 422
    assert "This is still the template word for word" in unescape(response.content.decode())
    assert not Reply.objects.exists()


def test_a_decision_letter_with_an_instruction_left_in_it_is_refused(
    director, desk, desk2, supervisor, main_branch, director_client
):
    review = review_in("decided", by=director, taken_by=desk, branch=main_branch, reviewers=[desk, desk2, supervisor])
    data = {
        "send_decision-channel": "letter",
        "send_decision-body": "Dear Ms Quibble,\n\n[Say why.]\n\nYours",
        "version": review.version,
    }
    response = director_client.post(reverse("reviews:send_decision", args=[review.pk]), data)
    assert response.status_code == 422
    assert "Write the part that still says “[Say why.]”" in unescape(response.content.decode())
    review.refresh_from_db()
    assert review.status == "decided" and not review.replies.filter(at__gte=review.decided_at).exists()
