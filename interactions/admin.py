from django.contrib import admin

from interactions.models import InteractionKind


@admin.register(InteractionKind)
class InteractionKindAdmin(admin.ModelAdmin):
    """The library's kinds of interaction. Interactions themselves are not in the admin:
    they hold patron content, which the Administrator does not read (roles.md)."""

    list_display = ["name", "counts_as_reference", "on_quick_log", "position", "is_active"]
    list_editable = ["on_quick_log", "position", "is_active"]
    list_filter = ["counts_as_reference", "is_active"]

    def has_delete_permission(self, request, obj=None):
        # A kind in use keeps its history; retire it with "is active" instead.
        return False
