from django.apps import AppConfig


class InteractionsConfig(AppConfig):
    name = "interactions"

    def ready(self):
        from interactions.models import InteractionKind
        from interactions.selectors import KINDS_CACHE_GROUP
        from servicedesk.lib.shared_cache import invalidate_on_change

        invalidate_on_change(KINDS_CACHE_GROUP, InteractionKind)
