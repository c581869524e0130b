"""Feedback in volume for benchmarks (`manage.py seed_demo --complaints N --reviews N --cards N
--suggestions N`): records over the last `days` days with their timelines, written in batches
(COPY on PostgreSQL, servicedesk/lib/bulk.py) without the services, whose letters, checks and
per-record queries are what a benchmark must not wait for. Each record's status is reached by
the steps the workflow allows, in order, so that its timeline reads as the services write it.

A complaint takes about three steps (20,000 complaints, about 60,000 steps): most are closed,
a share is still open, as in a real queue. Steps come hours or days apart, and a decided
record carries its decision and when it was made, so the reports' waits read as a library's."""

import datetime
import random
from collections.abc import Callable, Sequence

from django.db import reset_queries, transaction
from django.utils import timezone

from feedback.models import (
    CommentCard,
    CommentCardStep,
    Complaint,
    ComplaintStep,
    PurchaseSuggestion,
    ReviewRequest,
    ReviewStep,
)
from feedback.services.complaint_rules import FIRST_STEPS
from patrons.names import name_key
from policy.selectors import policy_references
from servicedesk.lib.bulk import bulk_insert

# Status reached -> the steps that led there after "taken" (complaint_rules.WORKFLOW), and how
# often it is found.
COMPLAINT_PATHS = {
    Complaint.Status.NEW: ((), 15),
    Complaint.Status.ACKNOWLEDGED: (("acknowledge",), 15),
    Complaint.Status.IN_PROGRESS: (("acknowledge", "start"), 15),
    Complaint.Status.RESOLVED: (("acknowledge", "resolve"), 10),
    Complaint.Status.CLOSED: (("acknowledge", "resolve", "close"), 35),
    Complaint.Status.ESCALATED: (("acknowledge", "escalate"), 5),
    Complaint.Status.DECIDED: (("acknowledge", "escalate", "decide"), 5),
}
COMPLAINT_TARGETS = {
    "acknowledge": Complaint.Status.ACKNOWLEDGED, "start": Complaint.Status.IN_PROGRESS,
    "resolve": Complaint.Status.RESOLVED, "close": Complaint.Status.CLOSED,
    "escalate": Complaint.Status.ESCALATED, "decide": Complaint.Status.DECIDED,
}
# Status reached -> the steps that led there after "received" (review_rules.WORKFLOW), and how
# often it is found. A closed request was decided and its letter sent.
REVIEW_PATHS = {
    ReviewRequest.Status.RECEIVED: ((), 15),
    ReviewRequest.Status.ACKNOWLEDGED: (("acknowledge",), 15),
    ReviewRequest.Status.COMMITTEE: (("acknowledge", "assign_committee"), 20),
    ReviewRequest.Status.CLOSED: (("acknowledge", "assign_committee", "decide", "send_decision", "close"), 50),
}
REVIEW_TARGETS = {
    "acknowledge": ReviewRequest.Status.ACKNOWLEDGED, "assign_committee": ReviewRequest.Status.COMMITTEE,
    "decide": ReviewRequest.Status.DECIDED, "send_decision": ReviewRequest.Status.NOTIFIED,
    "close": ReviewRequest.Status.CLOSED,
}
REVIEW_DECISIONS = {ReviewRequest.Decision.RETAIN: 70, ReviewRequest.Decision.RELOCATE: 15,
                    ReviewRequest.Decision.RECLASSIFY: 10, ReviewRequest.Decision.WITHDRAW: 5}
CARD_KINDS = {CommentCard.Kind.SUGGESTION: 35, CommentCard.Kind.COMPLIMENT: 35, CommentCard.Kind.COMPLAINT: 20,
              CommentCard.Kind.QUESTION: 10}
CARD_STATUSES = {CommentCard.Status.NEW: 20, CommentCard.Status.THANKED: 30, CommentCard.Status.CLOSED: 50}
SUGGESTION_STATUSES = {PurchaseSuggestion.Status.PENDING: 25, PurchaseSuggestion.Status.ACCEPTED: 20,
                       PurchaseSuggestion.Status.ORDERED: 40, PurchaseSuggestion.Status.DECLINED: 15}
DECLINED_REASON = "Out of print; we offered an interlibrary loan."
# A patron wants a reply to this share of cards: only those have a reply_by.
CARD_REPLY_SHARE = 0.4
WHAT_HAPPENED = (
    "Waited twenty minutes at the desk while staff chatted.",
    "Charged a fine for a book returned on time.",
    "The quiet area was noisy all afternoon.",
    "The public computers were all out of order.",
    "A hold was given to someone else.",
)
TITLES = ("The Graveyard Book", "Gender Queer", "And Tango Makes Three", "The Hate U Give", "Maus", "Beloved")


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _moments(rng: random.Random, now: datetime.datetime, days: int, count: int) -> list[datetime.datetime]:
    """`count` moments over the last `days` days, oldest first."""
    seconds = days * 86400
    return sorted(now - datetime.timedelta(seconds=rng.randrange(seconds)) for _ in range(count))


def _in_batches(count: int, batch_size: int, make: Callable[[int, int], None], progress) -> int:
    done = 0
    while done < count:
        size = min(batch_size, count - done)
        with transaction.atomic():
            make(done, size)
        reset_queries()  # with DEBUG on, Django keeps every query's SQL: megabytes a batch
        done += size
        progress(done)
    return done


def add_complaints(*, count: int, points: Sequence, users: dict, now, days: int, batch_size: int, progress) -> int:
    """`count` complaints at the demo's service points, each with its timeline."""
    rng = random.Random(f"seed_demo bulk complaints {count}")
    moments = _moments(rng, now, days, count)
    workers = [users["supervisor"], users["director"]]
    takers = [users["desk"], users["desk2"], users["supervisor"]]
    # The policies a complaint may name (the take form's list), or none, as staff often leave it.
    references = [*policy_references(), "", ""]

    def make(start: int, size: int) -> None:
        complaints, timelines = [], []
        for received_at in moments[start:start + size]:
            point = rng.choice(points)
            status = _pick(rng, {status: weight for status, (_, weight) in COMPLAINT_PATHS.items()})
            received_on = timezone.localdate(received_at)
            timeline, at = [], received_at
            for action in COMPLAINT_PATHS[status][0]:
                at = min(at + datetime.timedelta(hours=rng.randrange(1, 96)), now)
                timeline.append((action, at))
            # When the timeline first took each step the reports measure, as the workflow keeps it.
            first = {
                field: next((at for action, at in timeline if action in actions), None)
                for field, actions in FIRST_STEPS.items()
            }
            complaints.append(Complaint(
                branch_id=point.branch_id, service_point_id=point.pk, received_at=received_at,
                occurred_on=received_on, taken_by=rng.choice(takers), status=status,
                assigned_to=rng.choice(workers) if status != Complaint.Status.NEW else None,
                acknowledge_by=received_on + datetime.timedelta(days=3),
                resolve_by=received_on + datetime.timedelta(days=14),
                contact_name=f"Patron {rng.randrange(100000)}", wants_reply=rng.random() < 0.6,
                what_happened=rng.choice(WHAT_HAPPENED), policy_reference=rng.choice(references), **first,
            ))
            timelines.append(timeline)
        bulk_insert(Complaint, complaints)
        steps = []
        for complaint, timeline in zip(complaints, timelines):
            steps.append(ComplaintStep(complaint=complaint, by=complaint.taken_by, at=complaint.received_at, action="taken"))
            previous = Complaint.Status.NEW
            for action, at in timeline:
                steps.append(ComplaintStep(
                    complaint=complaint, by=rng.choice(workers), at=at, action=action,
                    from_status=previous, to_status=COMPLAINT_TARGETS[action],
                ))
                previous = COMPLAINT_TARGETS[action]
        bulk_insert(ComplaintStep, steps)

    return _in_batches(count, batch_size, make, progress)


def add_reviews(*, count: int, points: Sequence, users: dict, now, days: int, batch_size: int, progress) -> int:
    """`count` collection-review requests, each with its "received" step and the steps that
    led where it is, days apart; a closed one carries its decision and when it was made and sent."""
    rng = random.Random(f"seed_demo bulk reviews {count}")
    moments = _moments(rng, now, days, count)
    branch_ids = sorted({point.branch_id for point in points})

    def make(start: int, size: int) -> None:
        reviews, timelines = [], []
        for received_at in moments[start:start + size]:
            title = rng.choice(TITLES)
            received_on = timezone.localdate(received_at)
            status = _pick(rng, {status: weight for status, (_, weight) in REVIEW_PATHS.items()})
            at, timeline = received_at, []
            for action in REVIEW_PATHS[status][0]:
                at = min(at + datetime.timedelta(hours=rng.randrange(12, 24 * 14)), now)
                timeline.append((action, at))
            when = dict(timeline)
            reviews.append(ReviewRequest(
                title=title, title_key=name_key(title), branch_id=rng.choice(branch_ids), received_at=received_at,
                taken_by=users["desk"], status=status,
                acknowledge_by=received_on + datetime.timedelta(days=7),
                decide_by=received_on + datetime.timedelta(days=60),
                requester_name=f"Patron {rng.randrange(100000)}", concern="Not suitable for its shelf.",
                requested_action=ReviewRequest.Action.RELOCATE,
                decision=_pick(rng, REVIEW_DECISIONS) if "decide" in when else "",
                decided_at=when.get("decide"), notified_at=when.get("send_decision"),
            ))
            timelines.append(timeline)
        bulk_insert(ReviewRequest, reviews)
        steps = []
        for review, timeline in zip(reviews, timelines):
            steps.append(ReviewStep(review=review, by=review.taken_by, at=review.received_at, action="received",
                                    to_status=ReviewRequest.Status.RECEIVED))
            previous = ReviewRequest.Status.RECEIVED
            for action, at in timeline:
                steps.append(ReviewStep(review=review, by=users["supervisor"], action=action, at=at,
                                        from_status=previous, to_status=REVIEW_TARGETS[action]))
                previous = REVIEW_TARGETS[action]
        bulk_insert(ReviewStep, steps)

    return _in_batches(count, batch_size, make, progress)


def add_cards(*, count: int, points: Sequence, users: dict, now, days: int, batch_size: int, progress) -> int:
    """`count` kiosk comment cards, each with its "received" step; a reply is due only on
    those whose patron wants one."""
    rng = random.Random(f"seed_demo bulk cards {count}")
    moments = _moments(rng, now, days, count)
    branch_ids = sorted({point.branch_id for point in points})

    def make(start: int, size: int) -> None:
        cards = []
        for received_at in moments[start:start + size]:
            wants_reply = rng.random() < CARD_REPLY_SHARE
            cards.append(CommentCard(
                branch_id=rng.choice(branch_ids), kind=_pick(rng, CARD_KINDS), source=CommentCard.Source.KIOSK,
                received_at=received_at, status=_pick(rng, CARD_STATUSES), wants_reply=wants_reply,
                reply_by=timezone.localdate(received_at) + datetime.timedelta(days=7) if wants_reply else None,
                comment="More evening opening hours, please.", sent_from="demo",
            ))
        bulk_insert(CommentCard, cards)
        bulk_insert(CommentCardStep, [
            CommentCardStep(card=card, by=users["supervisor"], at=card.received_at, action="received",
                            to_status=card.status)
            for card in cards
        ])

    return _in_batches(count, batch_size, make, progress)


def add_suggestions(*, count: int, points: Sequence, users: dict, now, days: int, batch_size: int, progress) -> int:
    """`count` purchase suggestions taken at the desk."""
    rng = random.Random(f"seed_demo bulk suggestions {count}")
    moments = _moments(rng, now, days, count)
    branch_ids = sorted({point.branch_id for point in points})

    def make(start: int, size: int) -> None:
        suggestions = []
        for received_at in moments[start:start + size]:
            status = _pick(rng, SUGGESTION_STATUSES)
            decided = status != PurchaseSuggestion.Status.PENDING
            decided_at = min(received_at + datetime.timedelta(hours=rng.randrange(2, 24 * 21)), now)
            suggestions.append(PurchaseSuggestion(
                title=rng.choice(TITLES), branch_id=rng.choice(branch_ids), received_at=received_at,
                taken_by=users["desk"], status=status, contact_name=f"Patron {rng.randrange(100000)}",
                decided_by=users["supervisor"] if decided else None,
                decided_at=decided_at if decided else None,
                reason=DECLINED_REASON if status == PurchaseSuggestion.Status.DECLINED else "",
            ))
        bulk_insert(PurchaseSuggestion, suggestions)

    return _in_batches(count, batch_size, make, progress)
