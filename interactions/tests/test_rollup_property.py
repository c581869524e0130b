"""Whatever staff do, in whatever order, the reports' counts are the interactions' counts:
random sequences of logs, corrections, voids, undos and de-identifications, at two branches,
around midnight in a time zone that is not UTC, each followed by the comparison with a count
made row by row (interactions/tests/counting.py)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interactions.models import Interaction, InteractionKind
from interactions.services import (
    interaction_correct,
    interaction_log,
    interaction_undo,
    interaction_void,
    interactions_deidentify,
)
from interactions.tests import counting
from policy.checklists import INTERACTION_CHECKLISTS
from policy.models import ChecklistItem
from servicedesk.lib.workflow import EditConflict

# Late evening to the next morning in Chicago (UTC-6 in March): the library's day changes
# at 06:00 UTC, so the same UTC day holds two of the library's days.
FIRST = datetime.datetime(2026, 3, 2, 3, 0, tzinfo=datetime.UTC)


def outcome_and_alternative():
    needing = st.sampled_from(Interaction.OUTCOMES_NEEDING_ALTERNATIVE)
    return st.one_of(
        st.tuples(st.sampled_from([o for o in Interaction.Outcome if o not in Interaction.OUTCOMES_NEEDING_ALTERNATIVE]),
                  st.just("")),
        st.tuples(needing, st.sampled_from(Interaction.Alternative.values)),
    )


FIELDS = st.fixed_dictionaries({
    "occurred_at": st.integers(0, 6 * 60).map(lambda minutes: FIRST + datetime.timedelta(minutes=minutes * 15)),
    "kind": st.integers(0, 5),
    "channel": st.sampled_from(Interaction.Channel.values),
    "effort": st.integers(1, 6),
    "outcome": outcome_and_alternative(),
    "checklist": st.one_of(st.none(), st.sets(st.integers(0, 5))),
})
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("log"), st.integers(0, 2), FIELDS),
        st.tuples(st.just("correct"), st.integers(0, 50), FIELDS),
        st.tuples(st.just("void"), st.integers(0, 50)),
        st.tuples(st.just("undo"), st.integers(0, 50)),
        st.tuples(st.just("deidentify"),),
    ),
    min_size=1,
    max_size=12,
)


@pytest.fixture
def library(desk, eastdesk, director, reference_desk, circulation_desk, east_desk):
    return {
        "desks": [(desk, reference_desk), (desk, circulation_desk), (eastdesk, east_desk)],
        "director": director,
        "kinds": list(InteractionKind.objects.order_by("pk"))[:6],
        "items": list(ChecklistItem.objects.filter(checklist__key__in=INTERACTION_CHECKLISTS).order_by("pk")),
    }


def values(library, fields) -> dict:
    outcome, alternative = fields["outcome"]
    checklist = fields["checklist"]
    items = library["items"]
    return {
        "occurred_at": fields["occurred_at"],
        "kind": library["kinds"][fields["kind"] % len(library["kinds"])],
        "channel": fields["channel"],
        "effort": fields["effort"],
        "outcome": outcome,
        "alternative": alternative,
        "checklist": None if checklist is None else {items[n % len(items)].pk for n in checklist},
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_any_sequence_of_writes_keeps_the_counts_equal_to_the_interactions(library, steps):
    logged = list(Interaction.objects.order_by("pk"))
    with override_settings(TIME_ZONE="America/Chicago"):
        for step in steps:
            name, *args = step
            target = logged[args[0] % len(logged)] if logged and name in ("correct", "void", "undo") else None
            if target is not None:
                target.refresh_from_db()
            try:
                if name == "log":
                    by, point = library["desks"][args[0]]
                    interaction, _ = interaction_log(by=by, service_point=point, **values(library, args[1]))
                    logged.append(interaction)
                elif name == "correct" and target is not None:
                    interaction_correct(interaction=target, by=library["director"], version=target.version,
                                        **values(library, args[1]))
                elif name == "void" and target is not None:
                    interaction_void(interaction=target, by=library["director"], reason="Logged twice",
                                     version=target.version)
                elif name == "undo" and target is not None:
                    interaction_undo(interaction=target, by=target.staff)
                    logged.remove(target)
                elif name == "deidentify":
                    interactions_deidentify(before=timezone.now())
            except (ValidationError, PermissionDenied, EditConflict):
                pass  # refused (a voided one corrected, an undo too late): it must change no count either
            assert counting.kept() == counting.counted(), step
