"""The reports' counts two ways, for the tests to hold them equal: as the tables keep them
(interactions/rollup.py), and as counted here, row by row in Python, from the interactions
and their checklists (independently of rollup.py's own recount)."""

from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from interactions.models import BreakdownCount, DayCount, HourCount, Interaction, TickCount
from policy.models import ChecklistTick


def kept() -> dict[str, Counter]:
    """The tables' rows, key: count (a row left at 0 shows as 0)."""

    def rows(model, value):
        return Counter({tuple(row[:-1]): row[-1] for row in model.objects.values_list(*model.KEY, value)})

    return {
        "hours": rows(HourCount, "interactions"),
        "days": rows(DayCount, "interactions"),
        "breakdowns": rows(BreakdownCount, "interactions"),
        "asked": rows(TickCount, "asked"),
        "ticks": +rows(TickCount, "ticks"),
    }


def counted() -> dict[str, Counter]:
    """The same keys counted from the counted interactions, in the library's days and hours."""
    hours, days, breakdowns, asked, ticks = Counter(), Counter(), Counter(), Counter(), Counter()
    interactions = Interaction.objects.counted()
    for interaction in interactions:
        local = timezone.localtime(interaction.occurred_at)
        where = (interaction.branch_id, interaction.service_point_id)
        hours[local.date(), local.hour, *where] += 1
        days[local.date(), *where, interaction.kind_id] += 1
        fields = (interaction.kind_id, interaction.channel, interaction.effort, interaction.outcome, interaction.alternative)
        breakdowns["day", local.date(), *where, *fields] += 1
        breakdowns["month", local.date().replace(day=1), *where, *fields] += 1
    pks = {interaction.pk for interaction in interactions}
    for tick in ChecklistTick.objects.filter(content_type=ContentType.objects.get_for_model(Interaction)):
        if tick.object_id in pks:
            key = (tick.day, tick.branch_id, tick.service_point_id, tick.item_id)
            asked[key] += 1
            ticks[key] += tick.ticked
    return {"hours": hours, "days": days, "breakdowns": breakdowns, "asked": asked, "ticks": +ticks}
