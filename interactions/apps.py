from django.apps import AppConfig
from django.utils import timezone
from django.utils.dateformat import format as date_format


class InteractionsConfig(AppConfig):
    name = "interactions"

    def ready(self):
        from interactions.models import Interaction, InteractionKind
        from interactions.selectors import KINDS_CACHE_GROUP
        from servicedesk.lib.shared_cache import invalidate_on_change
        from staff import access
        from staff.record_names import RecordKind, register

        invalidate_on_change(KINDS_CACHE_GROUP, InteractionKind)
        # The access record names one by when and where it happened, linked for those who may open it.
        register(
            RecordKind(
                Interaction, access.interaction_scope, "interactions:detail",
                name=interaction_name, reads=("service_point__branch",),
            )
        )


def interaction_name(interaction) -> str:
    """"Interaction of 2 Dec 2026 14:05 at Main — Reference desk": when, and at which desk."""
    when = date_format(timezone.localtime(interaction.occurred_at), "j M Y H:i")
    return f"Interaction of {when} at {interaction.service_point}"
