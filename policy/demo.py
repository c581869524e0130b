"""The checklists' part of the demo library (`manage.py seed_demo`): how often each item is
ticked in the demo (the desk form's items by the kind of question, a little less at the
smaller branch), and the desks opened and closed on each opening day with their checklists.
The interactions' and complaints' ticks are made with them, in interactions/demo.py and
feedback/demo.py."""

import datetime
import random

from django.utils import timezone

from policy.checklists import items_for
from policy.models import Checklist, ChecklistTick, DeskSession
from staff.demo import DEMO_DAYS, DEMO_SEED, DESK_STAFF, OPENING_HOURS, picker

# How often each checklist item is ticked, by the principle it names: follow-up questions
# by profile. A checklist item the library added is ticked this often.
TICK_SHARE = {
    "greet": 0.95,
    "follow-up": {"directional": 0.7, "default": 0.88},
    "invite-to-return": 0.8,
    "offer-alternative": 0.97,
    "identify-the-library": 0.9,
    "offer-callback": 0.75,
}
ADDED_ITEM_TICK_SHARE = 0.8
BRANCH_TICK_FACTOR = {"main": 1.0, "east": 0.9}


def tick_share(item, profile: str) -> float:
    """How often the demo ticks `item` for a question of this profile (interactions/demo.py)."""
    share = TICK_SHARE.get(item.principle_key, ADDED_ITEM_TICK_SHARE)
    if isinstance(share, dict):
        return share.get(profile, share["default"])
    return share


# Desk openings and closings -----------------------------------------------------------------

# How often an opening or closing item is ticked in the demo; the smaller branch a little less.
DESK_TICK_SHARE = {
    "desk-staffed": 0.98,
    "neat-service-area": 0.85,
    "no-food-or-drink": 0.9,
    "answer-phone": 0.93,
    "name-tag": 0.8,
}


def ensure_demo_desk_sessions(*, points, users, now) -> int:
    """Each demo desk opened and closed on each opening day of the demo period (today's
    closing not yet), with its checklist mostly ticked; only the missing ones are made."""
    today = timezone.localdate(now)
    days = [
        today - datetime.timedelta(days=n)
        for n in range(DEMO_DAYS)
        if (today - datetime.timedelta(days=n)).weekday() in OPENING_HOURS
    ]
    wanted = {
        (point.pk, kind, day)
        for point in points
        for day in days
        for kind in (DeskSession.Kind.OPENING, DeskSession.Kind.CLOSING)
        if not (kind == DeskSession.Kind.CLOSING and day == today)
    }
    existing = set(
        DeskSession.objects.filter(service_point__in=points, day__gte=days[-1]).values_list("service_point", "kind", "day")
    )
    missing = sorted(wanted - existing, key=lambda key: (key[2], key[0], key[1]))
    if not missing:
        return 0
    rng = random.Random(f"{DEMO_SEED} desk sessions")
    by_pk = {point.pk: point for point in points}
    items = {
        DeskSession.Kind.OPENING: items_for(Checklist.Key.DESK_OPENING),
        DeskSession.Kind.CLOSING: items_for(Checklist.Key.DESK_CLOSING),
    }
    sessions = DeskSession.objects.bulk_create(
        DeskSession(service_point_id=point_id, kind=kind, day=day) for point_id, kind, day in missing
    )
    ticks = []
    for session in sessions:
        point = by_pk[session.service_point_id]
        pick_staff = picker(rng, {users[name].pk: weight for name, weight in DESK_STAFF[point.branch.code]})
        by_id = pick_staff()
        factor = BRANCH_TICK_FACTOR.get(point.branch.code, 0.9)
        ticks += [
            ChecklistTick(
                item=item,
                label=item.label,
                version_id=item.policy_version_id,
                ticked=rng.random() < DESK_TICK_SHARE.get(item.principle_key, ADDED_ITEM_TICK_SHARE) * factor,
                by_id=by_id,
                record=session,
                branch_id=point.branch_id,
                service_point_id=point.pk,
                day=session.day,
            )
            for item in items[session.kind]
        ]
    ChecklistTick.objects.bulk_create(ticks, batch_size=5000)
    return len(sessions)
