from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from staff.models import Branch, ClosedDay, LibrarySettings, ServicePoint, StaffProfile


class ServicePointInline(admin.TabularInline):
    model = ServicePoint
    extra = 0


@admin.register(Branch)
class BranchAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}
    inlines = [ServicePointInline]


@admin.register(ServicePoint)
class ServicePointAdmin(admin.ModelAdmin):
    list_display = ["name", "branch", "kind", "is_active"]
    list_filter = ["branch", "kind", "is_active"]


@admin.register(ClosedDay)
class ClosedDayAdmin(admin.ModelAdmin):
    list_display = ["date", "name"]
    date_hierarchy = "date"


@admin.register(LibrarySettings)
class LibrarySettingsAdmin(admin.ModelAdmin):
    """Deadlines and committee size. The retention period is the Director's, set in the app."""

    exclude = ["retention_days", "updated_at", "updated_by"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    filter_horizontal = ["branches"]
    fields = ["branches"]


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = [StaffProfileInline]
    list_display = ["username", "first_name", "last_name", "is_active", "last_login"]
    list_filter = ["groups", "is_active", "profile__branches"]

    def get_readonly_fields(self, request, obj=None):
        # Roles are given through groups. Superuser and single permissions would bypass the
        # access rules, so only the emergency superuser account can hand them out.
        readonly = super().get_readonly_fields(request, obj)
        if not request.user.is_superuser:
            readonly = [*readonly, "is_superuser", "user_permissions"]
        return readonly
