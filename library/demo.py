"""The demo library of `manage.py seed_demo`, made by asking each app for its own part, floor
by floor: staff's places and people, patrons, the desk's interactions, the checklists' desk
openings and closings, then feedback (complaints and how they were handled, review requests,
comment cards, purchase suggestions), and the live desk (who is waiting). Each part finds
what a previous run made and adds only what is missing."""

from dataclasses import dataclass

from django.utils import timezone

from desk.demo import callbacks as callbacks_demo
from desk.demo import coverage as coverage_demo
from desk.demo import referrals as referrals_demo
from desk.demo import waiting as waiting_demo
from feedback import demo as feedback_demo
from interactions import demo as interactions_demo
from patrons import demo as patrons_demo
from policy import demo as policy_demo
from staff import demo as staff_demo


@dataclass
class Created:
    """How many of each thing this run added."""

    branches: int = 0
    service_points: int = 0
    accounts: int = 0
    patrons: int = 0
    interactions: int = 0
    desk_sessions: int = 0
    complaints: int = 0
    review_requests: int = 0
    comment_cards: int = 0
    purchase_suggestions: int = 0
    callbacks: int = 0
    referrals: int = 0


def ensure_demo_library(now, created: Created):
    """The demo set, counted into `created`; returns the branches by code, the service
    points and the demo accounts by username, for the volume added after it."""
    branches, added = staff_demo.ensure_branches()
    created.branches += added
    points, added = staff_demo.ensure_service_points(branches)
    created.service_points += added
    users, added = staff_demo.ensure_accounts(branches, points)
    created.accounts += added
    created.patrons += patrons_demo.ensure_demo_patrons(branches, timezone.localdate(now))
    created.interactions += interactions_demo.ensure_demo_interactions(
        points=list(points.values()), users=users, demo_patrons=patrons_demo.demo_patrons(), now=now
    )
    created.desk_sessions += policy_demo.ensure_demo_desk_sessions(points=list(points.values()), users=users, now=now)
    coverage_demo.ensure_demo_coverage(points=points, users=users, now=now)
    waiting_demo.ensure_demo_waiting(points=points, users=users, now=now)
    complaints, review_requests = feedback_demo.ensure_demo_feedback(users=users, points=points)
    created.complaints += complaints
    created.review_requests += review_requests
    feedback_demo.ensure_demo_complaint_handling(users=users)
    comment_cards, purchase_suggestions = feedback_demo.ensure_demo_cards(users=users, points=points)
    created.comment_cards += comment_cards
    created.purchase_suggestions += purchase_suggestions
    created.callbacks += callbacks_demo.ensure_demo_callbacks(users=users, points=points, now=now)
    created.referrals += referrals_demo.ensure_demo_referrals(users=users, points=points, branches=branches, now=now)
    return branches, list(points.values()), users
