"""The data migration that turns the desk form's old yes/no fields into checklist ticks, run
on rows made with the models as they were before it."""

import datetime
from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("interactions", "0002_seed_interaction_kinds"), ("policy", "0004_principle_keys_and_checklists")]
migration = import_module("interactions.migrations.0003_checklist_ticks_from_yes_no")


@pytest.fixture
def old_apps(transactional_db):
    """The schema just before the migration: the interactions still have their two fields.
    Afterwards, forward to the latest migrations again."""
    executor = MigrationExecutor(connection)
    executor.migrate([("interactions", "0002_seed_interaction_kinds")])
    apps = executor.loader.project_state(BEFORE).apps
    import_module("policy.migrations.0002_load_customer_service_policy").load_policy(apps, None)
    checklists = import_module("policy.migrations.0004_principle_keys_and_checklists")
    checklists.key_principles(apps, None)
    checklists.seed_checklists(apps, None)
    import_module("interactions.migrations.0002_seed_interaction_kinds").seed_kinds(apps, None)
    yield apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def make_interaction(apps, *, follow_up_asked, invited_to_return, days_ago=0):
    Branch = apps.get_model("staff", "Branch")
    ServicePoint = apps.get_model("staff", "ServicePoint")
    User = apps.get_model("auth", "User")
    branch, _ = Branch.objects.get_or_create(code="main", defaults={"name": "Main"})
    point, _ = ServicePoint.objects.get_or_create(branch=branch, name="Reference desk", defaults={"kind": "reference"})
    staff, _ = User.objects.get_or_create(username="desk")
    when = timezone.now() - datetime.timedelta(days=days_ago)
    return apps.get_model("interactions", "Interaction").objects.create(
        service_point=point,
        staff=staff,
        kind=apps.get_model("interactions", "InteractionKind").objects.get(name="Reference"),
        occurred_at=when,
        created_at=when,
        follow_up_asked=follow_up_asked,
        invited_to_return=invited_to_return,
    )


def test_yes_becomes_a_tick_and_no_an_unticked_row(old_apps):
    both = make_interaction(old_apps, follow_up_asked=True, invited_to_return=True)
    invited = make_interaction(old_apps, follow_up_asked=False, invited_to_return=True, days_ago=400)
    neither = make_interaction(old_apps, follow_up_asked=False, invited_to_return=False)

    migration.ticks_from_yes_no(old_apps, None)

    Tick = old_apps.get_model("policy", "ChecklistTick")

    def rows(interaction):
        return dict(Tick.objects.filter(interaction=interaction).values_list("item__principle_key", "ticked"))

    assert rows(both) == {"follow-up": True, "invite-to-return": True}
    assert rows(invited) == {"follow-up": False, "invite-to-return": True}
    assert rows(neither) == {"follow-up": False, "invite-to-return": False}
    tick = Tick.objects.filter(interaction=invited).first()
    assert (tick.by_id, tick.service_point_id, tick.branch_id) == (
        invited.staff_id,
        invited.service_point_id,
        invited.service_point.branch_id,
    )
    assert tick.day == timezone.localdate(invited.occurred_at)
    # Older than every version: recorded under the first.
    assert tick.version.number == 1


def test_running_it_again_adds_nothing_and_the_reverse_restores_the_fields(old_apps):
    interaction = make_interaction(old_apps, follow_up_asked=True, invited_to_return=False)
    migration.ticks_from_yes_no(old_apps, None)
    migration.ticks_from_yes_no(old_apps, None)
    Tick = old_apps.get_model("policy", "ChecklistTick")
    assert Tick.objects.filter(interaction=interaction).count() == 2

    Interaction = old_apps.get_model("interactions", "Interaction")
    Interaction.objects.filter(pk=interaction.pk).update(follow_up_asked=False)
    migration.yes_no_from_ticks(old_apps, None)
    interaction.refresh_from_db()
    assert (interaction.follow_up_asked, interaction.invited_to_return) == (True, False)
    assert not Tick.objects.filter(interaction=interaction).exists()
