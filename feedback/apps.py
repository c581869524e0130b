from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Complaints and collection reviews"

    def ready(self):
        from feedback.models import ReplyTemplate
        from feedback.services.notify import REPLY_TEMPLATES_CACHE_GROUP
        from servicedesk.lib.shared_cache import invalidate_on_change

        invalidate_on_change(REPLY_TEMPLATES_CACHE_GROUP, ReplyTemplate)
