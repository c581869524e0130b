import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from interactions import services
from interactions.models import Interaction
from servicedesk.lib.workflow import EditConflict


def test_a_service_point_of_another_branch_is_refused(desk, east_desk, reference):
    with pytest.raises(PermissionDenied):
        services.interaction_log(by=desk, service_point=east_desk, kind=reference)
    assert not Interaction.objects.exists()


def test_the_administrator_cannot_log_anywhere(itadmin, reference_desk, reference):
    with pytest.raises(PermissionDenied):
        services.interaction_log(by=itadmin, service_point=reference_desk, kind=reference)


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"duration_minutes": 24 * 60 + 1}, "less than a day"),
        ({"note": "x" * 4001}, "Keep the note to 4000 characters"),
        ({"outcome": "could_not_help"}, "Say which alternative"),
        ({"occurred_at": timezone.now() + datetime.timedelta(hours=1)}, "cannot be in the future"),
        ({"effort": 7}, "not a valid choice"),
    ],
)
def test_every_rule_is_checked_with_a_message_before_the_database(desk, reference_desk, reference, fields, message):
    with pytest.raises(ValidationError, match=message):
        services.interaction_log(by=desk, service_point=reference_desk, kind=reference, **fields)
    assert not Interaction.objects.exists()


def test_a_correction_from_a_stale_version_is_refused(desk, reference_desk, reference):
    interaction, _ = services.interaction_log(by=desk, service_point=reference_desk, kind=reference)
    services.interaction_correct(interaction=interaction, by=desk, version=1, effort=2)
    with pytest.raises(EditConflict):
        services.interaction_correct(interaction=interaction, by=desk, version=1, effort=3)
    interaction.refresh_from_db()
    assert (interaction.effort, interaction.version) == (2, 2)


def test_only_correctable_fields_may_be_changed(desk, reference_desk, reference):
    interaction, _ = services.interaction_log(by=desk, service_point=reference_desk, kind=reference)
    with pytest.raises(ValueError, match="staff"):
        services.interaction_correct(interaction=interaction, by=desk, version=1, staff=desk)


def test_logging_takes_a_constant_handful_of_queries(desk, reference_desk, reference, django_assert_max_num_queries):
    # 8 before the checklist; its items and their ticks are two more, and the reports' counts
    # four (an upsert a table, interactions/rollup.py).
    # Which content type names an interaction is looked up once a process, as on a server.
    ContentType.objects.get_for_model(Interaction)
    with django_assert_max_num_queries(14):
        services.interaction_log(by=desk, service_point=reference_desk, kind=reference)
