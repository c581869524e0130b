"""The data migration that names each tick's record by (content type, id) instead of a
foreign key, run on rows made with the models as they were before it, and back."""

import datetime
from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("policy", "0005_tick_names_its_record_by_kind_and_id")]
migration = import_module("policy.migrations.0006_tick_record_from_foreign_keys")


@pytest.fixture
def old_apps(transactional_db):
    """The schema with both the foreign keys and the new columns; afterwards, the latest."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    yield executor.loader.project_state(BEFORE).apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def records(apps):
    """An interaction, a patron, a complaint and a desk session, and a checklist item."""
    Branch = apps.get_model("staff", "Branch")
    branch = Branch.objects.create(code="main", name="Main")
    point = apps.get_model("staff", "ServicePoint").objects.create(branch=branch, name="Reference desk")
    user = apps.get_model("auth", "User").objects.create(username="desk")
    kind = apps.get_model("interactions", "InteractionKind").objects.create(
        name="Reference (test)", counts_as_reference=True
    )
    patron = apps.get_model("patrons", "Patron").objects.create(
        card_number="21234000099999", first_name="Ada", last_name="Byron", home_branch=branch
    )
    policy = apps.get_model("policy", "Policy").objects.create(title="Test policy")
    version = apps.get_model("policy", "PolicyVersion").objects.create(
        policy=policy, number=1, effective_on=datetime.date(2026, 1, 1), body="", rationale="Why."
    )
    checklist = apps.get_model("policy", "Checklist").objects.create(
        key="test", title="Test", applies_in="Tests", policy=policy
    )
    item = apps.get_model("policy", "ChecklistItem").objects.create(
        checklist=checklist, label="Greet", principle_key="greet"
    )
    made = {
        "interaction": apps.get_model("interactions", "Interaction").objects.create(
            service_point=point, staff=user, kind=kind
        ),
        "patron": patron,
        "complaint": apps.get_model("feedback", "Complaint").objects.create(
            branch=branch,
            taken_by=user,
            acknowledge_by=datetime.date(2026, 1, 6),
            resolve_by=datetime.date(2026, 1, 20),
        ),
        "desk_session": apps.get_model("policy", "DeskSession").objects.create(
            service_point=point, kind="opening", day=datetime.date(2026, 1, 5)
        ),
    }
    Tick = apps.get_model("policy", "ChecklistTick")
    for field, record in made.items():
        Tick.objects.create(
            item=item, version=version, ticked=True, by=user, branch=branch, day=datetime.date(2026, 1, 5),
            **{field: record},
        )
    return made


def test_each_foreign_key_becomes_the_kind_and_id_of_its_record_and_back(old_apps):
    made = records(old_apps)
    Tick = old_apps.get_model("policy", "ChecklistTick")

    migration.record_from_foreign_keys(old_apps, None)

    named = {
        (tick.content_type.app_label, tick.content_type.model, tick.object_id)
        for tick in Tick.objects.select_related("content_type")
    }
    assert named == {
        ("interactions", "interaction", made["interaction"].pk),
        ("patrons", "patron", made["patron"].pk),
        ("feedback", "complaint", made["complaint"].pk),
        ("policy", "desksession", made["desk_session"].pk),
    }

    Tick.objects.update(interaction=None, complaint=None, patron=None, desk_session=None)
    migration.foreign_keys_from_record(old_apps, None)
    for field, record in made.items():
        assert Tick.objects.get(**{field: record}).object_id == record.pk
