"""Demo complaints, collection-review requests, comment cards and purchase suggestions for
`manage.py seed_demo`, made through the real services so that each has its timeline,
deadlines and replies. Fixed submission keys make a second run find them and add nothing."""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from feedback.models import Complaint, ReviewRequest
from feedback.services import complaints, review_letters, reviews
from policy.checklists import complaint_ticks_record, items_for
from policy.models import Checklist
from staff.calendar import add_business_days
from staff.models import LibrarySettings

DEMO_KEY_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://library-service-desk.example/seed_demo/feedback")


def _key(name: str) -> uuid.UUID:
    return uuid.uuid5(DEMO_KEY_NAMESPACE, name)


COMPLAINTS = ("noise", "fine", "access")
REVIEWS = ("received", "committee", "published")


@transaction.atomic
def ensure_demo_feedback(*, users: dict, points: dict) -> tuple[int, int]:
    """Three complaints (new; acknowledged and in progress; escalated to the Director) and
    three review requests (received; with its committee; decided, answered and published)."""
    desk, desk2, supervisor, director = (users[name] for name in ("desk", "desk2", "supervisor", "director"))
    made = {
        *Complaint.objects.filter(submission_key__in=[_key(name) for name in COMPLAINTS]).values_list("submission_key", flat=True),
        *ReviewRequest.objects.filter(submission_key__in=[_key(name) for name in REVIEWS]).values_list("submission_key", flat=True),
    }

    def new(name: str) -> bool:
        return _key(name) not in made

    circulation, reference = points["main", "Circulation desk"], points["main", "Reference desk"]
    made_complaints = made_reviews = 0

    if new("noise"):
        complaint = complaints.complaint_take(
            by=desk,
            service_point=reference,
            submission_key=_key("noise"),
            what_happened="A group talked loudly in the quiet study area all afternoon; nobody asked them to stop.",
            desired_outcome="Staff to keep the quiet area quiet.",
            contact_name="Ruth Abernathy",
            contact_email="ruth.abernathy@example.org",
            wants_reply=True,
            policy_reference="Code of conduct: quiet areas",
        )
        # Taken a week ago and not yet acknowledged: the queues show it overdue.
        received_on = timezone.localdate() - datetime.timedelta(days=7)
        library = LibrarySettings.current()
        Complaint.objects.filter(pk=complaint.pk).update(
            received_at=timezone.now() - datetime.timedelta(days=7),
            occurred_on=received_on,
            acknowledge_by=add_business_days(received_on, library.complaint_acknowledge_days),
            resolve_by=add_business_days(received_on, library.complaint_resolve_days),
        )
        complaint.steps.update(at=timezone.now() - datetime.timedelta(days=7))
        made_complaints += 1
    if new("fine"):
        complaint = complaints.complaint_take(
            by=desk2,
            service_point=circulation,
            submission_key=_key("fine"),
            what_happened="Charged a late fee for a book returned in the drop box on time, during the closure.",
            desired_outcome="The fee removed.",
            contact_name="Ibrahim Sato",
            contact_phone="555-010-2233",
            wants_reply=True,
            policy_reference="Fines and fees",
        )
        complaint = complaints.complaint_acknowledge(complaint=complaint, by=supervisor, version=complaint.version)
        complaint = complaints.complaint_assign(
            complaint=complaint, by=supervisor, version=complaint.version, assignee=supervisor
        )
        complaints.complaint_start(
            complaint=complaint, by=supervisor, version=complaint.version, note="Checking the drop-box log for that week."
        )
        made_complaints += 1
    if new("access"):
        complaint = complaints.complaint_take(
            by=supervisor,
            service_point=circulation,
            submission_key=_key("access"),
            what_happened="The ramp door was locked on Saturday morning; the patron uses a wheelchair and could not get in.",
            desired_outcome="To speak to the Director about access.",
            contact_name="Helen Marsh",
            contact_email="helen.marsh@example.org",
            wants_reply=True,
            wants_director=True,
        )
        complaint = complaints.complaint_acknowledge(complaint=complaint, by=supervisor, version=complaint.version)
        complaints.complaint_escalate(
            complaint=complaint, by=supervisor, version=complaint.version,
            reason="The patron asked for the Director; building access is the Director's decision.",
        )
        made_complaints += 1

    request = {
        "format": ReviewRequest.Format.BOOK,
        "whole_item": ReviewRequest.WholeItem.YES,
        "requested_action": ReviewRequest.Action.RELOCATE,
    }
    if new("received"):
        reviews.review_take(
            by=desk,
            branch=circulation.branch,
            submission_key=_key("received"),
            title="The Graveyard Book",
            creator="Neil Gaiman",
            identifier="J GAI",
            requester_name="Martin Kolb",
            requester_email="martin.kolb@example.org",
            concern="Opens with a murder; too frightening for the children's shelves.",
            **request,
        )
        made_reviews += 1
    committee = [desk, desk2, supervisor]
    if new("committee"):
        review = reviews.review_take(
            by=desk2,
            branch=circulation.branch,
            submission_key=_key("committee"),
            title="Gender Queer",
            creator="Maia Kobabe",
            identifier="YA 306.76 KOB",
            requester_name="Concerned Parents of Main Street",
            represents=ReviewRequest.Represents.GROUP,
            group_name="Concerned Parents of Main Street",
            requester_address="40 Main Street",
            concern="Sexually explicit illustrations in a book shelved for teenagers.",
            **{**request, "requested_action": ReviewRequest.Action.WITHDRAW},
        )
        review = reviews.review_acknowledge(
            review=review, by=supervisor, version=review.version, channel="letter",
            body=review_letters.acknowledgment_draft(review),
        )
        reviews.review_assign_committee(
            review=review, by=supervisor, version=review.version, reviewers=committee, chair=director
        )
        made_reviews += 1
    if new("published"):
        review = reviews.review_take(
            by=desk,
            branch=circulation.branch,
            submission_key=_key("published"),
            title="And Tango Makes Three",
            creator="Justin Richardson and Peter Parnell",
            identifier="E RIC",
            requester_name="Doris Whitfield",
            requester_email="doris.whitfield@example.org",
            concern="A picture book about two male penguins raising a chick.",
            **request,
        )
        review = reviews.review_acknowledge(
            review=review, by=supervisor, version=review.version, channel="email",
            body=review_letters.acknowledgment_draft(review),
        )
        review = reviews.review_assign_committee(
            review=review, by=supervisor, version=review.version, reviewers=committee, chair=director
        )
        for row in review.reviewers.all():
            reviews.review_recommend(
                reviewer=row, by=row.reviewer, version=row.version, read_whole_item=True, consulted_reviews=True,
                recommendation=ReviewRequest.Decision.RETAIN, comments="Well reviewed; suits its age group.",
            )
        review.refresh_from_db()
        review = reviews.review_decide(
            review=review, by=director, version=review.version, decision=ReviewRequest.Decision.RETAIN,
            reasons="Award-winning, well reviewed, based on a true story; it fits the selection policy for picture books.",
        )
        review = reviews.review_send_decision(
            review=review, by=supervisor, version=review.version, channel="email",
            body=review_letters.decision_letter_draft(review, by=supervisor),
        )
        reviews.review_publish(review=review, by=director, version=review.version)
        made_reviews += 1
    return made_complaints, made_reviews


CARDS = ("card-quiet", "card-thanks", "card-paper")
SUGGESTIONS = ("suggestion-novel",)


def ensure_demo_cards(*, users: dict, points: dict) -> tuple[int, int]:
    """Three comment cards (a kiosk suggestion wanting a reply; an anonymous compliment,
    thanked; a paper complaint typed in at the desk) and a purchase suggestion from the desk."""
    from feedback.models import CommentCard, PurchaseSuggestion
    from feedback.services import cards, suggestions

    desk, supervisor = users["desk"], users["supervisor"]
    main = points["main", "Circulation desk"].branch
    cards_made = CommentCard.objects.filter(submission_key__in=[_key(name) for name in CARDS])
    suggestions_made = PurchaseSuggestion.objects.filter(submission_key__in=[_key(name) for name in SUGGESTIONS])
    made = set(
        cards_made.order_by()
        .values_list("submission_key", flat=True)
        .union(suggestions_made.order_by().values_list("submission_key", flat=True))
        .order_by()
    )
    made_cards = made_suggestions = 0
    if _key("card-quiet") not in made:
        cards.card_receive(
            branch=main, kind=CommentCard.Kind.SUGGESTION, submission_key=_key("card-quiet"),
            comment="Could the library stay open until 9 on Thursdays? I work late and can only come in the evening.",
            name="Priya Natarajan", contact="priya.natarajan@example.org", wants_reply=True, address="demo",
        )
        made_cards += 1
    if _key("card-thanks") not in made:
        card = cards.card_receive(
            branch=main, kind=CommentCard.Kind.COMPLIMENT, submission_key=_key("card-thanks"),
            comment="The children's librarian found my son three books about trains. He has not stopped reading!",
            address="demo",
        )
        cards.card_thank(card=card, by=supervisor, version=card.version, note="Passed on to the children's desk.")
        made_cards += 1
    if _key("card-paper") not in made:
        cards.card_type_in(
            by=desk, branch=main, kind=CommentCard.Kind.COMPLAINT, submission_key=_key("card-paper"),
            comment="The self-checkout machine by the door has been broken for a week.",
            name="Tom Becker", contact="555-010-4477", wants_reply=True,
        )
        made_cards += 1
    if _key("suggestion-novel") not in made:
        suggestions.suggestion_take(
            by=desk, branch=main, submission_key=_key("suggestion-novel"),
            title="The Ministry of Time", creator="Kaliane Bradley", format=ReviewRequest.Format.BOOK,
            contact_name="Alma Reyes", contact="alma.reyes@example.org", tell_by="email",
        )
        made_suggestions += 1
    return made_cards, made_suggestions


def ensure_demo_complaint_handling(*, users) -> int:
    """How the demo complaints being worked on were handled, as their supervisor ticked it
    (the Director for another branch's): all but "Director referral considered"."""
    complaints = list(
        Complaint.objects.filter(
            status__in=[Complaint.Status.IN_PROGRESS, Complaint.Status.ESCALATED],
            taken_by__in=[user.pk for user in users.values()],
        )
        .exclude(checklist_ticks__isnull=False)
        .select_related("branch")
    )
    if not complaints:
        return 0
    items = items_for(Checklist.Key.COMPLAINT)
    ticked = {item.pk for item in items if item.label != "Referral to the Director considered"}
    for complaint in complaints:
        by = users["supervisor"] if complaint.branch.code == "main" else users["director"]
        complaint_ticks_record(complaint=complaint, by=by, ticked=ticked)
    return len(complaints)
