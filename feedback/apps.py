from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Complaints and collection reviews"

    def ready(self):
        from feedback.models import CommentCard, Complaint, PurchaseSuggestion, ReplyTemplate, ReviewRequest
        from feedback.services.notify import REPLY_TEMPLATES_CACHE_GROUP
        from servicedesk.lib.shared_cache import invalidate_on_change
        from staff import access
        from staff.record_names import RecordKind, register

        invalidate_on_change(REPLY_TEMPLATES_CACHE_GROUP, ReplyTemplate)
        # The access record names them by reference (C-4), linked for those who may open them.
        for model, scope, url_name, kind_name in (
            (Complaint, access.complaint_scope, "complaints:detail", "Complaint"),
            (ReviewRequest, access.review_scope, "reviews:detail", "Review request"),
            (CommentCard, access.card_scope, "cards:detail", "Comment card"),
            (PurchaseSuggestion, access.suggestion_scope, "suggestions:detail", "Purchase suggestion"),
        ):
            register(RecordKind(model, scope, url_name, name=lambda record, kind=kind_name: f"{kind} {record.reference}"))
