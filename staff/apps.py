from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = "Staff, branches and service points"

    def ready(self):
        from staff import signals  # noqa: F401  (connects the access record's receivers)
