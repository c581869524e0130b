from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError

from staff import services
from staff.access import may_grant_role
from staff.audit import record_access
from staff.models import AccessRecord, Branch, ClosedDay, LibrarySettings, OpeningHours, ServicePoint, StaffProfile


class RecordedAdmin(admin.ModelAdmin):
    """Every change made in the admin of a branch, service point, role or account goes into
    the access record, with what changed: the admin announces each through log_addition,
    log_change and log_deletions (the bulk "delete selected" too), so this is the one place."""

    access_action = AccessRecord.Action.SETUP_CHANGE

    def log_addition(self, request, obj, message):
        self._record(request, obj, f"added {obj._meta.verbose_name} {obj}")
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        changed = _changed_fields(message)
        self._record(request, obj, f"changed {obj._meta.verbose_name} {obj}: {changed}" if changed else f"saved {obj}")
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            self._record(request, obj, f"deleted {obj._meta.verbose_name} {obj}")
        return super().log_deletions(request, queryset)

    def _record(self, request, obj, detail):
        record_access(actor=request.user, action=self.access_action, record=obj, detail=detail)


def _changed_fields(message) -> str:
    """The fields named in the admin's change message (a list of {"changed": {"fields": ...}},
    {"added": ...} and {"deleted": ...} of inline rows)."""
    parts = []
    for entry in message or []:
        for verb, what in entry.items():
            fields = ", ".join(str(field) for field in what.get("fields", []))
            name = what.get("name")
            parts.append(f"{verb} {name} {what.get('object', '')}".strip() if name else fields)
    return "; ".join(part for part in parts if part)


class ServicePointInline(admin.TabularInline):
    model = ServicePoint
    extra = 0


class OpeningHoursInline(admin.TabularInline):
    """The branch's hours (no service point) and any service point's own."""

    model = OpeningHours
    extra = 0


@admin.register(Branch)
class BranchAdmin(RecordedAdmin):
    list_display = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}
    inlines = [ServicePointInline, OpeningHoursInline]


class ServicePointForm(forms.ModelForm):
    class Meta:
        model = ServicePoint
        fields = ["branch", "name", "kind", "is_active"]

    def clean_branch(self):
        # The instance still holds the saved branch here: the form fills it in after cleaning.
        branch = self.cleaned_data["branch"]
        services.service_point_check_move(point=self.instance, branch=branch)
        return branch


@admin.register(ServicePoint)
class ServicePointAdmin(RecordedAdmin):
    form = ServicePointForm
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
    fields = ["branches", "job_title"]


admin.site.unregister(User)
admin.site.unregister(Group)
admin.site.unregister(AccessAttempt)


@admin.register(User)
class StaffUserAdmin(RecordedAdmin, UserAdmin):
    """Accounts. Roles go through staff.services.roles_set: never to one's own account, and
    Supervisor or Director only once a Director confirms. A password set here, or given
    when adding the account, is a one-time password (staff.services.password_set_by_other)."""

    access_action = AccessRecord.Action.ACCOUNT_CHANGE
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

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None or "groups" not in form.base_fields:
            return form

        class RolesForm(form):
            def clean_groups(self):
                groups = self.cleaned_data["groups"]
                added = set(groups) - set(self.instance.groups.all())
                if added and not may_grant_role(request.user, self.instance):
                    raise ValidationError(
                        "Nobody grants a role to their own account: ask another administrator to do it."
                    )
                return groups

        return RolesForm

    def save_related(self, request, form, formsets, change):
        wanted = form.cleaned_data.pop("groups", None)
        super().save_related(request, form, formsets, change)
        if wanted is not None:
            for grant in services.roles_set(by=request.user, account=form.instance, wanted=wanted):
                messages.info(
                    request,
                    f"{grant.role.name} for {grant.user.username} takes effect when a Director confirms it.",
                )
        if not change and form.instance.has_usable_password():
            services.password_set_by_other(by=request.user, account=form.instance)

    def user_change_password(self, request, id, form_url=""):
        before = User.objects.filter(pk=unquote(id)).values_list("password", flat=True).first()
        response = super().user_change_password(request, id, form_url)
        account = User.objects.filter(pk=unquote(id)).first()
        if request.method == "POST" and account is not None and account.password != before:
            services.password_set_by_other(by=request.user, account=account)
        return response


@admin.register(Group)
class RoleAdmin(RecordedAdmin, GroupAdmin):
    access_action = AccessRecord.Action.ROLE_CHANGE


@admin.register(AccessAttempt)
class LockoutAdmin(AccessAttemptAdmin):
    """django-axes' sign-in attempts. Deleting one lifts a lock: recorded as unlocking on the
    locked sign-ins page is (staff.services.lockout_delete)."""

    def delete_model(self, request, obj):
        services.lockout_delete(by=request.user, attempt=obj)

    def delete_queryset(self, request, queryset):
        for attempt in queryset:
            services.lockout_delete(by=request.user, attempt=attempt)
