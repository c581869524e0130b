"""A fortnight hand-counted: Monday 2 to Sunday 15 March 2026 (UTC, the tests' time zone).

| # | when (UTC)        | where              | kind        | channel   | effort | outcome (alternative)         |
| 1 | Mon 2 Mar 10:15   | Main, reference    | Reference   | in person | 3      | answered                      |
| 2 | Mon 2 Mar 10:45   | Main, reference    | Directional | in person | 1      | answered                      |
| 3 | Tue 3 Mar 14:05   | Main, reference    | Reference   | phone     | 2      | alternative offered (ILL)     |
| 4 | Tue 10 Mar 14:30  | Main, reference    | Reference   | e-mail    | 1      | could not help (purchase), de-identified |
| 5 | Wed 11 Mar 09:00  | Main, circulation  | Directional | in person | 1      | answered                      |
| 6 | Mon 2 Mar 10:20   | Eastside           | Reference   | in person | 1      | answered                      |
and two just outside: Sun 1 Mar 23:59 and Mon 16 Mar 00:30 at Main's reference desk.

Every branch: 6 interactions, 4 reference transactions (1, 3, 4, 6); Main: 5 and 3;
Eastside: 1 and 1. Week of 2 March: 4 interactions, 3 reference; week of 9 March: 2 and 1.
"""

import datetime

import pytest
from django.utils import timezone

from interactions.models import Interaction, InteractionKind
from interactions.tests.factories import InteractionFactory

PERIOD = {"period": "custom", "start": "2026-03-02", "end": "2026-03-15"}


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=datetime.UTC)


@pytest.fixture
def fortnight(desk, eastdesk, reference_desk, circulation_desk, east_desk):
    reference = InteractionKind.objects.get(name="Reference")
    directional = InteractionKind.objects.get(name="Directional")
    alternative, could_not = Interaction.Outcome.ALTERNATIVE_OFFERED, Interaction.Outcome.COULD_NOT_HELP
    rows = [
        dict(occurred_at=at(2, 10, 15), service_point=reference_desk, kind=reference, effort=3),
        dict(occurred_at=at(2, 10, 45), service_point=reference_desk, kind=directional),
        dict(occurred_at=at(3, 14, 5), service_point=reference_desk, kind=reference, channel="phone", effort=2,
             outcome=alternative, alternative="ill"),
        dict(occurred_at=at(10, 14, 30), service_point=reference_desk, kind=reference, channel="email",
             outcome=could_not, alternative="purchase", deidentified_at=timezone.now()),
        dict(occurred_at=at(11, 9), service_point=circulation_desk, kind=directional),
        dict(occurred_at=at(2, 10, 20), service_point=east_desk, kind=reference, staff=eastdesk),
        dict(occurred_at=datetime.datetime(2026, 3, 1, 23, 59, tzinfo=datetime.UTC), service_point=reference_desk, kind=reference),
        dict(occurred_at=datetime.datetime(2026, 3, 16, 0, 30, tzinfo=datetime.UTC), service_point=reference_desk, kind=reference),
    ]
    return [InteractionFactory(**{"staff": desk, **row}) for row in rows]
