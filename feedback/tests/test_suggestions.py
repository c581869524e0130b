"""Purchase suggestions: taking one (also from the desk), deciding it (a decline needs a reason
the patron is told), who sees and decides what, and the list's cost."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from feedback.models import PurchaseSuggestion
from feedback.services import suggestions
from feedback.tests.factories import PurchaseSuggestionFactory
from interactions.tests.factories import InteractionFactory
from patrons.tests.factories import PatronFactory
from staff.models import AccessRecord

PAYLOAD = '<script>alert("x")</script>'


def decide(client, suggestion, status, reason=""):
    return client.post(
        reverse("suggestions:decide", args=[suggestion.pk]), {"status": status, "reason": reason, "version": suggestion.version}
    )


def test_pending_accepted_ordered(supervisor, main_branch):
    suggestion = PurchaseSuggestionFactory(branch=main_branch)
    suggestion = suggestions.suggestion_decide(suggestion=suggestion, by=supervisor, version=1, status="accepted")
    suggestion = suggestions.suggestion_decide(suggestion=suggestion, by=supervisor, version=2, status="ordered")
    assert PurchaseSuggestion.objects.get().status == "ordered"
    with pytest.raises(ValidationError, match="Only a pending or accepted suggestion can be declined; this one is ordered"):
        suggestions.suggestion_decide(suggestion=suggestion, by=supervisor, version=3, status="declined", reason="x")


def test_declining_needs_a_reason_and_keeps_what_was_typed(supervisor_client, main_branch):
    suggestion = PurchaseSuggestionFactory(branch=main_branch)
    response = decide(supervisor_client, suggestion, "declined")
    assert response.status_code == 422
    assert "Say why it is declined" in response.content.decode()
    assert PurchaseSuggestion.objects.get().status == "pending"


def test_the_patron_is_told_the_decline_and_its_reason_by_e_mail(supervisor_client, main_branch, django_capture_on_commit_callbacks):
    suggestion = PurchaseSuggestionFactory(branch=main_branch, contact="reader@example.org", contact_name="Ottoline Frame", tell_by="email")
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(supervisor_client, suggestion, "declined", "Out of print; we can borrow it for you through interlibrary loan.")
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject == f"Your suggestion to the library (reference {suggestion.reference})"
    assert "Ottoline" not in message.subject and suggestion.title not in message.subject
    assert "interlibrary loan" in message.body


def test_the_database_refuses_a_decline_without_a_reason(main_branch):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        PurchaseSuggestionFactory(branch=main_branch, status="declined", reason="")


def test_desk_staff_and_other_branches_cannot_decide(desk, eastdesk, main_branch):
    suggestion = PurchaseSuggestionFactory(branch=main_branch, taken_by=desk)
    for person in (desk, eastdesk):
        with pytest.raises(PermissionDenied):
            suggestions.suggestion_decide(suggestion=suggestion, by=person, version=1, status="accepted")


def test_desk_staff_get_403_deciding_their_own(desk_client, desk, main_branch):
    suggestion = PurchaseSuggestionFactory(branch=main_branch, taken_by=desk)
    assert desk_client.get(reverse("suggestions:detail", args=[suggestion.pk])).status_code == 200
    assert decide(desk_client, suggestion, "accepted").status_code == 403
    assert PurchaseSuggestion.objects.get().status == "pending"


def test_an_eastside_suggestion_is_404_for_the_main_supervisor_and_unchanged(supervisor_client, east_branch):
    suggestion = PurchaseSuggestionFactory(branch=east_branch)
    assert supervisor_client.get(reverse("suggestions:detail", args=[suggestion.pk])).status_code == 404
    assert decide(supervisor_client, suggestion, "accepted").status_code == 404
    assert PurchaseSuggestion.objects.get().status == "pending"


def test_the_list_per_role(desk_client, supervisor_client, director_client, desk, main_branch, east_branch):
    taken = PurchaseSuggestionFactory(branch=main_branch, taken_by=desk, title="Taken by desk")
    other = PurchaseSuggestionFactory(branch=main_branch, title="Taken by someone")
    east = PurchaseSuggestionFactory(branch=east_branch, title="At Eastside")
    url = reverse("suggestions:list")
    assert [s.pk for s in desk_client.get(url).context["page"]] == [taken.pk]
    assert {s.pk for s in supervisor_client.get(url).context["page"]} == {taken.pk, other.pk}
    assert {s.pk for s in director_client.get(url).context["page"]} == {taken.pk, other.pk, east.pk}


@pytest.mark.parametrize("volume", [3, 40])
def test_the_list_costs_the_same_whatever_the_volume(director_client, main_branch, volume, django_assert_max_num_queries):
    PurchaseSuggestionFactory.create_batch(volume, branch=main_branch)
    with django_assert_max_num_queries(10):
        assert director_client.get(reverse("suggestions:list")).status_code == 200


def test_staff_record_a_suggestion(desk_client, main_branch, reference_desk, at_service_point):
    at_service_point(desk_client, reference_desk)
    response = desk_client.post(
        reverse("suggestions:new"),
        {"title": "Piranesi", "creator": "Susanna Clarke", "format": "book", "branch": main_branch.pk,
         "contact": "not-an-email", "tell_by": "email", "patron_card": ""},
    )
    assert response.status_code == 422
    assert "give their e-mail address" in response.content.decode()
    assert "Piranesi" in response.content.decode()
    response = desk_client.post(
        reverse("suggestions:new"),
        {"title": "Piranesi", "format": "book", "branch": main_branch.pk, "contact": "p@example.org", "tell_by": "email", "patron_card": ""},
    )
    assert PurchaseSuggestion.objects.get().title == "Piranesi"


def test_from_the_desk_the_interactions_patron_is_filled_in(desk_client, desk, reference_desk, main_branch, at_service_point):
    patron = PatronFactory(home_branch=main_branch)
    interaction = InteractionFactory(service_point=reference_desk, staff=desk, patron=patron, outcome="alternative", alternative="purchase")
    at_service_point(desk_client, reference_desk)
    html = desk_client.get(reverse("suggestions:new"), {"interaction": interaction.pk}).content.decode()
    assert patron.card_number in html


def test_an_interaction_the_person_may_not_read_fills_in_nothing(eastdesk_client, desk, reference_desk, main_branch):
    patron = PatronFactory(home_branch=main_branch)
    interaction = InteractionFactory(service_point=reference_desk, staff=desk, patron=patron, outcome="alternative", alternative="purchase")
    html = eastdesk_client.get(reverse("suggestions:new"), {"interaction": interaction.pk}).content.decode()
    assert patron.card_number not in html and patron.last_name not in html


def test_the_desk_offers_to_record_the_purchase_suggestion(desk_client, desk, reference_desk, at_service_point):
    from interactions.models import Interaction

    at_service_point(desk_client, reference_desk)
    InteractionFactory(service_point=reference_desk, staff=desk, outcome="alternative", alternative="purchase")
    interaction = Interaction.objects.get()
    html = desk_client.get(reverse("interactions:desk")).content.decode()
    assert f'{reverse("suggestions:new")}?interaction={interaction.pk}' in html
    assert "Record the purchase suggestion" in html


def test_a_supervisors_read_of_who_asked_is_recorded(supervisor_client, desk, main_branch):
    suggestion = PurchaseSuggestionFactory(branch=main_branch, taken_by=desk)
    supervisor_client.get(reverse("suggestions:detail", args=[suggestion.pk]))
    assert AccessRecord.objects.filter(record_type="purchasesuggestion", action="read_confidential").count() == 1


def test_what_was_typed_is_shown_as_text(director_client, main_branch):
    suggestion = PurchaseSuggestionFactory(branch=main_branch, title=PAYLOAD, contact_name=PAYLOAD, contact=PAYLOAD, tell_by="")
    for url in (reverse("suggestions:detail", args=[suggestion.pk]), reverse("suggestions:list")):
        html = director_client.get(url).content.decode()
        assert PAYLOAD not in html and "&lt;script&gt;" in html
