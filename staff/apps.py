from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = "Staff, branches and service points"

    def ready(self):
        from servicedesk.lib.shared_cache import invalidate_on_change
        from staff import signals  # noqa: F401  (connects the access record's receivers)
        from staff.models import SETTINGS_CACHE_GROUP, LibrarySettings

        invalidate_on_change(SETTINGS_CACHE_GROUP, LibrarySettings)
