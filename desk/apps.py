from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = "Live desk"

    def ready(self):
        from desk import signals  # noqa: F401  (connects the sign-on receiver)
