"""An interaction's branch is stamped on it when it is logged and never moves (roles.md):
scope follows the branch where it happened, even if its service point is later reorganised."""

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from interactions.models import Interaction, InteractionKind
from interactions.selectors import interactions_visible_to
from interactions.services import interaction_log
from staff import roles
from staff.models import ServicePoint
from staff.tests.factories import UserFactory


@pytest.fixture
def logged(desk, reference_desk):
    interaction, _ = interaction_log(
        by=desk, service_point=reference_desk, kind=InteractionKind.objects.get(name="Directional"), note="private"
    )
    return interaction


@pytest.fixture
def east_supervisor(east_branch):
    return UserFactory(username="eastsupervisor", roles=[roles.SUPERVISOR], branches=[east_branch])


def test_logging_stamps_the_service_points_branch(logged, main_branch):
    assert Interaction.objects.get(pk=logged.pk).branch == main_branch


def test_a_record_made_before_its_service_point_moved_keeps_its_branch_scope(
    logged, reference_desk, east_branch, supervisor, supervisor_client, east_supervisor
):
    # A reorganisation below the admin (which refuses it): the point now belongs to Eastside.
    ServicePoint.objects.filter(pk=reference_desk.pk).update(branch=east_branch, name="Moved desk")
    assert interactions_visible_to(supervisor).filter(pk=logged.pk).exists()
    assert not interactions_visible_to(east_supervisor).filter(pk=logged.pk).exists()
    response = supervisor_client.get(reverse("interactions:detail", args=[logged.pk]))
    assert response.status_code == 200 and "private" in response.content.decode()


migration = import_module("interactions.migrations.0007_fill_interaction_branch")


@pytest.fixture
def before_the_stamp(transactional_db):
    """Interactions as they were before 0007: a branch column, still empty. Afterwards, the latest."""
    target = [("interactions", "0006_interaction_branch")]
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    yield executor.loader.project_state(target).apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_migration_stamps_each_existing_interaction_with_its_points_branch(before_the_stamp, monkeypatch):
    apps = before_the_stamp
    Branch = apps.get_model("staff", "Branch")
    main, east = Branch.objects.create(code="main", name="Main"), Branch.objects.create(code="east", name="East")
    ServicePoint = apps.get_model("staff", "ServicePoint")
    points = [ServicePoint.objects.create(branch=branch, name="Desk", kind="reference") for branch in (main, east)]
    staff = apps.get_model("auth", "User").objects.create(username="desk")
    # Made here: an earlier test on the live server may have emptied the migrations' kinds.
    kind = apps.get_model("interactions", "InteractionKind").objects.create(name="Stamp (test)", counts_as_reference=True)
    OldInteraction = apps.get_model("interactions", "Interaction")
    made = [OldInteraction.objects.create(service_point=points[n % 2], staff=staff, kind=kind) for n in range(5)]
    monkeypatch.setattr(migration, "BATCH", 2)  # several batches, and a last one that is not full
    migration.stamp_branch(apps, None)
    stamped = dict(OldInteraction.objects.values_list("pk", "branch_id"))
    assert stamped == {row.pk: (main.pk if n % 2 == 0 else east.pk) for n, row in enumerate(made)}
