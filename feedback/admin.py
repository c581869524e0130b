from django.contrib import admin

from feedback.models import ReplyTemplate


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(admin.ModelAdmin):
    """Starting texts only: no complaint, review or patron content is in the admin."""

    list_display = ["kind", "subject"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
