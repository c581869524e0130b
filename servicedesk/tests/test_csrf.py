"""Every form POST without a CSRF token is refused and changes nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from interactions.models import Interaction
from patrons.models import Patron

POSTS = [
    ("login", None),
    ("logout", None),
    ("password_change", None),
    ("choose_service_point", None),
    ("retention", None),
    ("interactions:log", None),
    ("interactions:quick_log", "kind"),
    ("interactions:repeat_last", None),
    ("interactions:undo", "interaction"),
    ("interactions:detail", "interaction"),
    ("patrons:lookup", None),
    ("patrons:register", None),
    ("patrons:edit", "patron"),
]


@pytest.mark.parametrize("url_name, record", POSTS)
def test_a_post_without_a_csrf_token_is_refused(url_name, record, desk, reference_desk, main_branch):
    from interactions.models import InteractionKind
    from interactions.tests.factories import InteractionFactory
    from patrons.tests.factories import PatronFactory

    records = {
        "interaction": InteractionFactory(service_point=reference_desk, staff=desk),
        "patron": PatronFactory(home_branch=main_branch, first_name="Unchanged"),
        "kind": InteractionKind.objects.get(name="Directional"),
    }
    client = Client(enforce_csrf_checks=True)
    client.force_login(desk)
    session = client.session
    session["service_point_id"] = reference_desk.pk
    session.save()
    args = [records[record].pk] if record else []
    response = client.post(reverse(url_name, args=args), {"first_name": "Changed", "kind": records["kind"].pk})
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
    assert Interaction.objects.count() == 1
    assert Patron.objects.get().first_name == "Unchanged"


@pytest.mark.parametrize(
    "url_name",
    ["reviews:new", "reviews:acknowledge", "reviews:assign_committee", "reviews:recommend", "reviews:decide",
     "reviews:send_decision", "reviews:appeal", "reviews:decide_appeal",
     "reviews:send_appeal_decision", "reviews:close", "reviews:publish"],
)
def test_a_review_form_without_a_csrf_token_is_refused(url_name, director, main_branch):
    from feedback.models import ReviewRequest
    from feedback.tests.factories import ReviewRequestFactory

    review = ReviewRequestFactory(branch=main_branch, taken_by=director)
    client = Client(enforce_csrf_checks=True)
    client.force_login(director)
    args = [] if url_name == "reviews:new" else [review.pk]
    response = client.post(reverse(url_name, args=args), {"title": "New", "acknowledge-channel": "letter", "acknowledge-body": "B", "version": 1})
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
    assert list(ReviewRequest.objects.values_list("status", "version")) == [("received", 1)]


COMPLAINT_FORMS = ["take", "acknowledge", "assign", "start", "resolve", "escalate", "decide", "close", "reopen", "respond"]


@pytest.mark.parametrize("name", COMPLAINT_FORMS)
def test_a_complaint_form_without_a_csrf_token_is_refused(name, director, reference_desk):
    from feedback.models import Complaint
    from feedback.tests.factories import ComplaintFactory

    complaint = ComplaintFactory(service_point=reference_desk, taken_by=director)
    client = Client(enforce_csrf_checks=True)
    client.force_login(director)
    args = [] if name == "take" else [complaint.pk]
    data = {"what_happened": "New", "service_point": reference_desk.pk, "acknowledge-note": "x", "response": "x", "version": 1}
    response = client.post(reverse(f"complaints:{name}", args=args), data)
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
    assert list(Complaint.objects.values_list("status", "version", "response")) == [("new", 1, "")]


@pytest.mark.parametrize(
    "url_name", ["cards:new", "cards:thank", "cards:act", "cards:reply", "cards:to_complaint", "cards:to_suggestion", "cards:close"]
)
def test_a_comment_card_form_without_a_csrf_token_is_refused(url_name, director, main_branch):
    from feedback.models import CommentCard
    from feedback.tests.factories import CommentCardFactory

    card = CommentCardFactory(branch=main_branch)
    client = Client(enforce_csrf_checks=True)
    client.force_login(director)
    args = [] if url_name == "cards:new" else [card.pk]
    response = client.post(reverse(url_name, args=args), {"kind": "question", "comment": "x", "branch": main_branch.pk, "version": 1})
    assert response.status_code == 403
    assert list(CommentCard.objects.values_list("status", "version")) == [("new", 1)]


@pytest.mark.parametrize("url_name", ["suggestions:new", "suggestions:decide"])
def test_a_purchase_suggestion_form_without_a_csrf_token_is_refused(url_name, director, main_branch):
    from feedback.models import PurchaseSuggestion
    from feedback.tests.factories import PurchaseSuggestionFactory

    suggestion = PurchaseSuggestionFactory(branch=main_branch)
    client = Client(enforce_csrf_checks=True)
    client.force_login(director)
    args = [] if url_name == "suggestions:new" else [suggestion.pk]
    response = client.post(reverse(url_name, args=args), {"title": "x", "status": "accepted", "branch": main_branch.pk, "version": 1})
    assert response.status_code == 403
    assert list(PurchaseSuggestion.objects.values_list("status", "version")) == [("pending", 1)]


@pytest.mark.parametrize("url_name", ["policy:checklists", "complaints:handled", "interactions:close_desk"])
def test_a_checklist_form_without_a_csrf_token_is_refused(url_name, director, reference_desk):
    from feedback.tests.factories import ComplaintFactory
    from policy.models import ChecklistItem, ChecklistTick, DeskSession

    complaint = ComplaintFactory(service_point=reference_desk, taken_by=director)
    client = Client(enforce_csrf_checks=True)
    client.force_login(director)
    session = client.session
    session["service_point_id"] = reference_desk.pk
    session.save()
    args = [complaint.pk] if url_name == "complaints:handled" else []
    greet = ChecklistItem.objects.get(principle_key="greet")
    response = client.post(reverse(url_name, args=args), {"checklist": "interaction", "version": 1, f"interaction-{greet.pk}_label": "Changed"})
    assert response.status_code == 403
    assert not ChecklistTick.objects.exists() and not DeskSession.objects.exists()
    assert ChecklistItem.objects.get(pk=greet.pk).label == "Greeted with a smile"
