"""The desk's part of the demo library (`manage.py seed_demo`): interactions with the shape
of a real library's day, so that the reports have something true-looking to show.

- only within opening hours, in the library's time zone, and never in the future;
- busier late in the morning and in mid-afternoon, Saturdays busy, Sundays closed;
- circulation the busiest desk; directional and circulation/account questions the most
  common, reference common, policy and complaints rare; each desk its own mix;
- READ effort mostly 1-2, rarely 4 or more, higher for reference; duration by effort;
- mostly answered; when staff could not comply, an alternative is always recorded, as the
  policy asks and the database insists;
- the desk form's checklist mostly ticked, follow-up questions less often for directional
  questions, and a little less at the smaller branch.

Made with the stdlib random module and precomputed cumulative weights: a million rows
cost a few Python operations each and no query.
"""

import array
import datetime
import itertools
import random
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.db import reset_queries, transaction
from django.db.models import Max
from django.utils import timezone

from interactions.demo_mix import (
    Channel,
    Outcome,
    WEEKDAY_HOURS,
    SATURDAY_HOURS,
    DAY_WEIGHTS,
    POINT_WEIGHTS,
    BRANCH_WEIGHTS,
    PROFILE_BY_KIND_NAME,
    KIND_WEIGHTS,
    ADDED_KIND_WEIGHT,
    DESK_MIX,
    EFFORT_WEIGHTS,
    DURATION_RANGE,
    NO_DURATION_SHARE,
    OUTCOME_WEIGHTS,
    OUTCOMES,
    REMOTE_CALLBACK_FACTOR,
    ALTERNATIVE_WEIGHTS,
    DESK_CHANNELS,
    CHANNEL_OF_POINT,
    PATRON_SHARE,
    HOME_BRANCH_SHARE,
    NOTE_SHARE,
    NOTES,
)
from interactions import rollup
from interactions.models import Interaction, InteractionKind
from patrons.models import Patron
from policy.checklists import INTERACTION_CHECKLISTS, applicable, items_for
from policy.demo import BRANCH_TICK_FACTOR, tick_share
from policy.models import ChecklistTick
from servicedesk.lib.bulk import bulk_insert
from staff.demo import DEMO_DAYS, DEMO_SEED, DESK_STAFF, OPENING_HOURS, picker
from staff.models import ServicePoint

@dataclass(frozen=True)
class Slot:
    """One opening hour (or the part of the current hour that has passed)."""

    start: datetime.datetime  # aware, UTC
    seconds: int
    weight: float


def opening_slots(rng: random.Random, now: datetime.datetime, days: int) -> list[Slot]:
    """The opening hours of the last `days` days (today included, up to `now`), oldest first,
    each weighted by how busy it is. Some days are busier than others (weather, school
    holidays), hence a random factor per day."""
    tz = timezone.get_current_timezone()
    today = timezone.localtime(now, tz).date()
    slots = []
    for days_ago in range(days - 1, -1, -1):
        day = today - datetime.timedelta(days=days_ago)
        weekday = day.weekday()
        if weekday not in OPENING_HOURS:
            continue
        day_weight = DAY_WEIGHTS[weekday] * rng.uniform(0.8, 1.2)
        hours = SATURDAY_HOURS if weekday == 5 else WEEKDAY_HOURS
        opens, closes = OPENING_HOURS[weekday]
        for hour in range(opens, closes):
            start = datetime.datetime.combine(day, datetime.time(hour), tzinfo=tz)
            if start >= now:
                break
            end = min(start + datetime.timedelta(hours=1), now)
            seconds = int((end - start).total_seconds())
            if seconds < 1:
                continue
            weight = day_weight * hours[hour] * seconds / 3600
            slots.append(Slot(start.astimezone(datetime.UTC), seconds, weight))
    return slots


@dataclass(frozen=True, eq=False)
class Desk:
    point: ServicePoint
    branch_code: str
    pick_staff: Callable[[], int]
    patron_ids: Sequence[int]  # patrons whose home branch this is


class ActivityMaker:
    """Makes unsaved interactions. Everything that depends on the database (service points,
    staff, kinds, patrons) is passed in once, so that making a row costs no query."""

    def __init__(
        self, *, rng, desks: list[Desk], kinds: list[InteractionKind], all_patron_ids: Sequence[int], checklist_items
    ):
        self.rng = rng
        self.all_patron_ids = all_patron_ids
        self.checklist_items = checklist_items
        self.pick_desk = picker(rng, {
            desk: POINT_WEIGHTS.get(desk.point.kind, 6) * BRANCH_WEIGHTS.get(desk.branch_code, 0.7) for desk in desks
        })
        self.profiles = {kind.pk: profile_of(kind) for kind in kinds}
        base = {
            kind.pk: KIND_WEIGHTS[self.profiles[kind.pk]] if kind.name.casefold() in PROFILE_BY_KIND_NAME
            else ADDED_KIND_WEIGHT
            for kind in kinds
        }
        self.pick_kind = {}
        for desk in desks:
            mix = DESK_MIX.get(desk.point.kind, {})
            self.pick_kind[desk] = picker(rng, {pk: w * mix.get(self.profiles[pk], 1.0) for pk, w in base.items()})
        self.pick_effort = {p: picker(rng, dict(zip(range(1, 7), w))) for p, w in EFFORT_WEIGHTS.items()}
        self.pick_channel = picker(rng, DESK_CHANNELS)
        self.pick_outcome = {}
        for profile, weights in OUTCOME_WEIGHTS.items():
            self.pick_outcome[profile, False] = picker(rng, dict(zip(OUTCOMES, weights)))
            remote = [w * REMOTE_CALLBACK_FACTOR if o == Outcome.CALLBACK else w for o, w in zip(OUTCOMES, weights)]
            self.pick_outcome[profile, True] = picker(rng, dict(zip(OUTCOMES, remote)))
        self.pick_alternative = {p: picker(rng, w) for p, w in ALTERNATIVE_WEIGHTS.items()}

    def times(self, slots: list[Slot], count: int) -> Iterator[datetime.datetime]:
        """`count` moments spread over the slots by weight, oldest first, as a stream: each
        slot's share is a binomial draw from what is left, so that a million moments need
        no list of a million, and rows go in in time order, as a real table's do."""
        rng = self.rng
        remaining_weight = sum(slot.weight for slot in slots)
        for index, slot in enumerate(slots):
            if count <= 0:
                return
            if index == len(slots) - 1 or slot.weight >= remaining_weight:
                here = count
            else:
                here = rng.binomialvariate(count, slot.weight / remaining_weight)
            count -= here
            remaining_weight -= slot.weight
            for offset in sorted(rng.randrange(slot.seconds) for _ in range(here)):
                yield slot.start + datetime.timedelta(seconds=offset)

    def interaction(self, occurred_at: datetime.datetime) -> Interaction:
        rng = self.rng
        desk = self.pick_desk()
        kind_id = self.pick_kind[desk]()
        profile = self.profiles[kind_id]
        channel = CHANNEL_OF_POINT.get(desk.point.kind) or self.pick_channel()
        effort = self.pick_effort[profile]()
        if effort == 1 and rng.random() < NO_DURATION_SHARE:
            duration = None
        else:
            duration = rng.randint(*DURATION_RANGE[effort])
        outcome = self.pick_outcome[profile, channel != Channel.IN_PERSON]()
        alternative = ""
        if outcome in Interaction.OUTCOMES_NEEDING_ALTERNATIVE:
            alternative = self.pick_alternative.get(profile, self.pick_alternative["default"])()
        patron_id = None
        if rng.random() < PATRON_SHARE[profile]:
            patrons = desk.patron_ids if desk.patron_ids and rng.random() < HOME_BRANCH_SHARE else self.all_patron_ids
            if patrons:
                patron_id = patrons[rng.randrange(len(patrons))]
        note = rng.choice(NOTES[profile]) if rng.random() < NOTE_SHARE else ""
        interaction = Interaction(
            created_at=occurred_at,
            occurred_at=occurred_at,
            service_point_id=desk.point.pk,
            branch_id=desk.point.branch_id,
            staff_id=desk.pick_staff(),
            channel=channel,
            kind_id=kind_id,
            effort=effort,
            duration_minutes=duration,
            outcome=outcome,
            alternative=alternative,
            patron_id=patron_id,
            note=note,
        )
        factor = BRANCH_TICK_FACTOR.get(desk.branch_code, 0.9)
        interaction.demo_ticks = [
            (item, rng.random() < tick_share(item, profile) * factor)
            for item in applicable(
                self.checklist_items, channel=channel, needs_alternative=interaction.needs_alternative
            )
        ]
        return interaction

    def batches(self, slots: list[Slot], count: int, batch_size: int) -> Iterator[list[Interaction]]:
        """`count` interactions in time order, `batch_size` at a time."""
        for moments in itertools.batched(self.times(slots, count), batch_size):
            yield [self.interaction(at) for at in moments]


def demo_ticks(interactions: list[Interaction]) -> list[ChecklistTick]:
    """The checklist rows of saved demo interactions, as ActivityMaker drew them."""
    interaction_type = ContentType.objects.get_for_model(Interaction)
    return [
        ChecklistTick(
            item=item,
            label=item.label,
            version_id=item.policy_version_id,
            ticked=ticked,
            by_id=interaction.staff_id,
            at=interaction.created_at,
            content_type=interaction_type,
            object_id=interaction.pk,
            branch_id=interaction.branch_id,
            service_point_id=interaction.service_point_id,
            day=timezone.localdate(interaction.occurred_at),
        )
        for interaction in interactions
        for item, ticked in interaction.demo_ticks
    ]


def counted_with_ticks(interactions: list[Interaction]) -> Iterator[tuple[Interaction, dict[int, bool]]]:
    """Saved demo interactions as the reports' counts take them (interactions/rollup.py)."""
    for interaction in interactions:
        yield interaction, {item.pk: ticked for item, ticked in interaction.demo_ticks}


def profile_of(kind: InteractionKind) -> str:
    profile = PROFILE_BY_KIND_NAME.get(kind.name.casefold())
    if profile:
        return profile
    return "reference" if kind.counts_as_reference else "other"


# Making them ------------------------------------------------------------------------------

DEMO_INTERACTIONS = 2000
# The demo interactions carry fixed submission keys: that is how a second run knows which
# of them are already there, however many interactions have been added since.
DEMO_KEY_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://library-service-desk.example/seed_demo")


def demo_submission_keys() -> list[uuid.UUID]:
    return [uuid.uuid5(DEMO_KEY_NAMESPACE, f"interaction {n}") for n in range(DEMO_INTERACTIONS)]


def activity_maker(rng, points, users, patrons) -> ActivityMaker:
    """`points` the demo service points, `users` the demo accounts by username, `patrons`
    a queryset of the patrons to attach (their order fixes which ones a seed picks)."""
    kinds = list(InteractionKind.objects.filter(is_active=True).order_by("pk"))
    if not kinds:
        raise CommandError("There are no active kinds of interaction: run `manage.py migrate` first.")
    patron_ids = {}
    for point in points:
        code = point.branch.code
        if code not in patron_ids:
            patron_ids[code] = array.array(
                "q", patrons.filter(home_branch=point.branch).order_by("pk").values_list("pk", flat=True).iterator()
            )
    all_patron_ids = array.array("q", itertools.chain.from_iterable(patron_ids.values()))
    desks = [
        Desk(
            point=point,
            branch_code=point.branch.code,
            pick_staff=picker(rng, {users[name].pk: weight for name, weight in DESK_STAFF[point.branch.code]}),
            patron_ids=patron_ids[point.branch.code],
        )
        for point in points
    ]
    return ActivityMaker(
        rng=rng,
        desks=desks,
        kinds=kinds,
        all_patron_ids=all_patron_ids,
        checklist_items=items_for(*INTERACTION_CHECKLISTS),
    )


def ensure_demo_interactions(*, points, users, demo_patrons, now) -> int:
    """The 2,000 demo interactions over the past 60 days; only the missing ones are made."""
    keys = demo_submission_keys()
    existing = set(Interaction.objects.filter(submission_key__in=keys).values_list("submission_key", flat=True))
    if len(existing) == len(keys):
        return 0
    rng = random.Random(DEMO_SEED)
    maker = activity_maker(rng, points, users, demo_patrons)
    slots = opening_slots(rng, now, DEMO_DAYS)
    missing = []
    for key, occurred_at in zip(keys, maker.times(slots, len(keys))):
        interaction = maker.interaction(occurred_at)
        interaction.submission_key = key
        if key not in existing:
            missing.append(interaction)
    Interaction.objects.bulk_create(missing)
    ChecklistTick.objects.bulk_create(demo_ticks(missing), batch_size=5000)
    rollup.count(counted_with_ticks(missing))
    return len(missing)


def add_interactions(*, count, points, users, now, days, batch_size, progress) -> int:
    """`count` more interactions over the past `days` days, for benchmarks; each batch in
    its own transaction, written with COPY on PostgreSQL (servicedesk/lib/bulk.py).
    `progress(done)` is called after each batch."""
    start = Interaction.objects.aggregate(highest=Max("pk"))["highest"] or 0
    rng = random.Random(f"seed_demo bulk after {start}")
    maker = activity_maker(rng, points, users, Patron.objects.all())
    slots = opening_slots(rng, now, days)
    done = 0
    for batch in maker.batches(slots, count, batch_size):
        with transaction.atomic():
            bulk_insert(Interaction, batch)
            bulk_insert(ChecklistTick, demo_ticks(batch))
            rollup.count(counted_with_ticks(batch))
        reset_queries()  # with DEBUG on, Django keeps every query's SQL: megabytes a batch
        done += len(batch)
        progress(done)
    return done
