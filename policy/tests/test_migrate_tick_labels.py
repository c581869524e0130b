"""The data migration that gives each tick made before it the words of its item, run on a
tick made with the models as they were before it."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("policy", "0008_checklist_tick_kind_day_index")]
AFTER = [("policy", "0009_tick_keeps_item_wording")]


@pytest.fixture
def executor(migrated_data):
    """The schema before the labels, with the checklists the data migrations made (made again
    if a test before emptied the database); afterwards, the latest."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    yield executor
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_each_tick_made_before_gets_its_items_words(executor):
    apps = executor.loader.project_state(BEFORE).apps
    branch = apps.get_model("staff", "Branch").objects.create(code="main", name="Main")
    point = apps.get_model("staff", "ServicePoint").objects.create(branch=branch, name="Reference desk")
    session = apps.get_model("policy", "DeskSession").objects.create(
        service_point=point, kind="opening", day=datetime.date(2026, 1, 5)
    )
    Item = apps.get_model("policy", "ChecklistItem")
    items = list(Item.objects.filter(checklist__key="desk_opening"))
    assert len(items) >= 2
    content_type = ContentType.objects.get(app_label="policy", model="desksession")
    for item in items:
        apps.get_model("policy", "ChecklistTick").objects.create(
            item_id=item.pk,
            version=apps.get_model("policy", "PolicyVersion").objects.first(),
            ticked=True,
            by=apps.get_model("auth", "User").objects.create(username=f"desk{item.pk}"),
            content_type_id=content_type.pk,
            object_id=session.pk,
            branch=branch,
            day=session.day,
        )

    executor.loader.build_graph()
    executor.migrate(AFTER)

    Tick = executor.loader.project_state(AFTER).apps.get_model("policy", "ChecklistTick")
    assert {tick.item_id: tick.label for tick in Tick.objects.all()} == {item.pk: item.label for item in items}
