"""Triage of comment cards: the transitions and their refusals, replies (internal notes never
sent, subjects without names), turning a card into a complaint or a purchase suggestion with
nothing retyped, and who may do what."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from feedback.models import CommentCard, Complaint, PurchaseSuggestion, Reply, ReplyTemplate
from feedback.services import cards
from feedback.tests.factories import CommentCardFactory
from staff.models import AccessRecord

PAYLOAD = '<script>alert("x")</script>'


@pytest.fixture
def card(main_branch, reference_desk):
    return cards.card_receive(
        branch=main_branch, kind="complaint", comment="The lift is broken again.",
        name="Agatha Pennywhistle", contact="agatha@example.org", wants_reply=True,
    )


def post(client, card, action, data=None, version=None):
    payload = {f"{action}-{key}": value for key, value in (data or {}).items()}
    return client.post(reverse(f"cards:{action}", args=[card.pk]), payload | {"version": version or card.version})


# The transitions --------------------------------------------------------------------------

def test_a_card_goes_new_thanked_in_action_replied_closed(card, supervisor):
    card = cards.card_thank(card=card, by=supervisor, version=card.version)
    card = cards.card_act(card=card, by=supervisor, version=card.version, note="Asked facilities.")
    cards.card_reply(card=card, by=supervisor, version=card.version, channel="phone", body="Fixed tomorrow.")
    card.refresh_from_db()
    assert card.status == "replied"
    card = cards.card_close(card=card, by=supervisor, version=card.version)
    assert [step.action for step in card.steps.all()] == ["thank", "act", "reply", "close"]


def test_a_thanked_card_cannot_be_thanked_again_and_the_refusal_says_why(card, supervisor):
    card = cards.card_thank(card=card, by=supervisor, version=card.version)
    with pytest.raises(ValidationError, match="Only a new card can be marked as thanked; this one is thanked"):
        cards.card_thank(card=card, by=supervisor, version=card.version)


def test_a_closed_card_takes_no_reply(card, supervisor):
    card = cards.card_close(card=card, by=supervisor, version=card.version)
    with pytest.raises(ValidationError, match="Only an open card can be replied to"):
        cards.card_reply(card=card, by=supervisor, version=card.version, channel="phone", body="Hello")


def test_an_older_copy_is_refused(card, supervisor, client, supervisor_client):
    old_version = card.version
    cards.card_thank(card=card, by=supervisor, version=card.version)
    response = post(supervisor_client, card, "act", {"note": "My note"}, version=old_version)
    assert response.status_code == 409
    assert "My note" in response.content.decode()
    assert CommentCard.objects.get().status == "thanked"


def test_desk_staff_and_other_branches_cannot_triage(card, desk, eastdesk, director):
    for person in (desk, eastdesk):
        with pytest.raises(PermissionDenied):
            cards.card_thank(card=card, by=person, version=card.version)
    cards.card_thank(card=card, by=director, version=card.version)


# Replies ----------------------------------------------------------------------------------

def test_a_reply_by_e_mail_sends_only_the_body_and_names_only_the_reference(card, supervisor, supervisor_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(supervisor_client, card, "reply", {"body": "Thank you, it is fixed.", "channel": "email", "note": "Internal: cost 300"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject == f"Your comments to the library (reference {card.reference})"
    assert "Agatha" not in message.subject
    assert message.body.startswith("Thank you, it is fixed.\n\n")  # then its signature
    assert "Internal" not in message.body
    assert message.to == ["agatha@example.org"]
    reply = Reply.objects.get()
    assert (reply.card, reply.complaint, reply.review, reply.sent_to) == (card, None, None, "agatha@example.org")


def test_the_reply_starts_from_the_librarys_editable_template(card, supervisor_client, django_capture_on_commit_callbacks):
    page = supervisor_client.get(reverse("cards:detail", args=[card.pk])).content.decode()
    assert f"Dear Agatha Pennywhistle,\n\nThank you for your comment card (reference {card.reference}) at Main." in page

    # Edited as the admin edits it (saved: the cached templates are read again).
    template = ReplyTemplate.objects.get(kind="card_reply")
    template.subject, template.body = "{name}, about your card {reference}", "Hello {name}, from {branch}."
    template.save()
    page = supervisor_client.get(reverse("cards:detail", args=[card.pk])).content.decode()
    assert "Hello Agatha Pennywhistle, from Main." in page
    with django_capture_on_commit_callbacks(execute=True):
        post(supervisor_client, card, "reply", {"body": "Thank you.", "channel": "email"})
    # A name put into the subject is left out: subjects carry the reference only.
    assert mail.outbox[0].subject == f", about your card {card.reference}"


def test_an_anonymous_card_is_answered_dear_patron(main_branch, supervisor_client):
    card = CommentCardFactory(branch=main_branch, name="", contact="555-0100")
    assert "Dear patron," in supervisor_client.get(reverse("cards:detail", args=[card.pk])).content.decode()


def test_a_reply_given_by_phone_is_recorded_and_nothing_sent(card, supervisor_client):
    response = post(supervisor_client, card, "reply", {"body": "Told them.", "channel": "phone"})
    assert response.status_code == 302
    assert mail.outbox == []
    assert Reply.objects.get().channel == "phone"


def test_e_mail_is_refused_without_an_address_and_the_reply_is_kept(main_branch, supervisor_client):
    card = CommentCardFactory(branch=main_branch, contact="555-0100")
    response = post(supervisor_client, card, "reply", {"body": "My careful reply", "channel": "email"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "no e-mail address" in html and "My careful reply" in html
    assert not Reply.objects.exists()


def test_a_reply_belongs_to_exactly_one_record(card, supervisor, main_branch):
    from django.db import IntegrityError

    from feedback.tests.factories import ComplaintFactory

    with pytest.raises(IntegrityError):
        Reply.objects.create(card=card, complaint=ComplaintFactory(), channel="phone", body="x", by=supervisor)


# Into a complaint or a suggestion -----------------------------------------------------------

def test_a_card_becomes_a_linked_complaint_with_nothing_retyped(card, supervisor_client, supervisor, reference_desk, at_service_point):
    at_service_point(supervisor_client, reference_desk)
    response = post(supervisor_client, card, "to_complaint")
    complaint = Complaint.objects.get()
    assert response["Location"] == reverse("complaints:detail", args=[complaint.pk])
    assert (complaint.source, complaint.what_happened, complaint.contact_name, complaint.contact_email, complaint.wants_reply) == (
        "comment_card", "The lift is broken again.", "Agatha Pennywhistle", "agatha@example.org", True
    )
    card.refresh_from_db()
    assert (card.complaint, card.status) == (complaint, "in_action")
    assert post(supervisor_client, card, "to_complaint").status_code == 422
    assert Complaint.objects.count() == 1


def test_a_card_becomes_a_linked_purchase_suggestion(card, supervisor_client):
    response = post(supervisor_client, card, "to_suggestion", {"title": "Lift Maintenance for Dummies", "format": "book"})
    suggestion = PurchaseSuggestion.objects.get()
    assert response["Location"] == reverse("suggestions:detail", args=[suggestion.pk])
    assert (suggestion.contact_name, suggestion.contact, suggestion.tell_by) == ("Agatha Pennywhistle", "agatha@example.org", "email")
    card.refresh_from_db()
    assert card.suggestion == suggestion


def test_the_suggestion_title_is_left_for_staff_with_the_comment_shown_beside_it(main_branch, supervisor_client):
    card = CommentCardFactory(branch=main_branch, comment="Please buy more of Le Guin's novels.\nThe Dispossessed, say.")
    html = supervisor_client.get(reverse("cards:detail", args=[card.pk])).content.decode()
    form = html.split('id="step-to_suggestion"')[1].split("</form>")[0]
    title = form.split('name="to_suggestion-title"')[1].split(">")[0]
    assert "value=" not in title
    assert "Please buy more of Le Guin&#x27;s novels.<br>The Dispossessed, say." in form


def test_a_suggestion_needs_a_title(card, supervisor_client):
    response = post(supervisor_client, card, "to_suggestion", {"title": "", "format": "book"})
    assert response.status_code == 422
    assert "Give the title" in response.content.decode()


# Per role ---------------------------------------------------------------------------------

def test_desk_staff_see_the_card_they_typed_in_but_get_403_for_triage(desk_client, desk, main_branch, reference_desk, at_service_point):
    at_service_point(desk_client, reference_desk)
    card = cards.card_type_in(by=desk, branch=main_branch, kind="question", comment="When do you open?")
    html = desk_client.get(reverse("cards:detail", args=[card.pk])).content.decode()
    assert "When do you open?" in html and "Next steps" not in html
    assert post(desk_client, card, "thank").status_code == 403
    assert CommentCard.objects.get().status == "new"


def test_a_supervisors_read_is_recorded_and_the_authors_is_not(desk_client, supervisor_client, desk, reference_desk):
    card = cards.card_type_in(by=desk, branch=reference_desk.branch, kind="question", comment="When do you open?")
    desk_client.get(reverse("cards:detail", args=[card.pk]))
    assert not AccessRecord.objects.filter(record_type="commentcard").exists()
    supervisor_client.get(reverse("cards:detail", args=[card.pk]))
    assert AccessRecord.objects.get(record_type="commentcard").action == "read_confidential"


def test_an_eastside_card_is_404_for_the_main_supervisor_and_unchanged_by_a_post(supervisor_client, east_branch):
    card = CommentCardFactory(branch=east_branch)
    assert supervisor_client.get(reverse("cards:detail", args=[card.pk])).status_code == 404
    for action in ("thank", "act", "close", "reply", "to_complaint", "to_suggestion"):
        assert post(supervisor_client, card, action, {"body": "x", "channel": "phone", "title": "T"}).status_code == 404
    card.refresh_from_db()
    assert (card.status, card.version) == ("new", 1)
    assert AccessRecord.objects.filter(action="refused", record_type="commentcard").exists()


def test_the_administrator_is_refused(itadmin_client, card):
    assert itadmin_client.get(reverse("cards:queue")).status_code == 403
    assert itadmin_client.get(reverse("cards:detail", args=[card.pk])).status_code == 403


def test_what_the_patron_wrote_is_shown_as_text(main_branch, supervisor_client):
    card = CommentCardFactory(branch=main_branch, comment=PAYLOAD, name=PAYLOAD[:100], contact=PAYLOAD)
    html = supervisor_client.get(reverse("cards:detail", args=[card.pk])).content.decode()
    assert PAYLOAD not in html
    assert "&lt;script&gt;" in html


# Typing in a paper card -------------------------------------------------------------------

def test_staff_type_in_a_paper_card_for_the_branch_of_their_service_point(desk_client, reference_desk, at_service_point, main_branch):
    at_service_point(desk_client, reference_desk)
    assert f'value="{main_branch.pk}" selected' in desk_client.get(reverse("cards:new")).content.decode()
    response = desk_client.post(
        reverse("cards:new"),
        {"kind": "compliment", "comment": "Lovely staff", "branch": main_branch.pk, "received_on": "2026-01-05"},
    )
    card = CommentCard.objects.get()
    assert response["Location"] == reverse("cards:detail", args=[card.pk])
    assert (card.source, card.typed_in_by.username, card.branch) == ("paper", "desk", main_branch)


def test_staff_cannot_type_in_a_card_for_another_branch(desk_client, east_branch):
    response = desk_client.post(reverse("cards:new"), {"kind": "compliment", "comment": "x", "branch": east_branch.pk, "received_on": "2026-01-05"})
    assert response.status_code == 422
    assert "Choose one of your branches" in response.content.decode()
    assert not CommentCard.objects.exists()
