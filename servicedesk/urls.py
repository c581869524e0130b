from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from interactions import views as desk_views
from servicedesk.views import bad_request, favicon, healthz, permission_denied, server_error
from staff import account_views, outbox_views
from staff import views as staff_views

admin.site.site_header = "Library Service Desk administration"
admin.site.site_title = "Library Service Desk"
# The app's start page sends the Administrator straight back here: no "View site" link.
admin.site.site_url = None
handler400 = bad_request
handler403 = permission_denied
handler500 = server_error

urlpatterns = [
    path("", staff_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", account_views.SignOutView.as_view(), name="logout"),
    path("accounts/stay-signed-in/", account_views.stay_signed_in, name="stay_signed_in"),
    path("accounts/password_change/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("accounts/locked/", staff_views.locked_accounts, name="locked_accounts"),
    path("accounts/locked/<int:pk>/unlock/", staff_views.unlock_account, name="unlock_account"),
    path("accounts/grants/", account_views.role_grants, name="role_grants"),
    path("accounts/grants/<int:pk>/", account_views.role_grant_decide, name="role_grant_decide"),
    path("desk/service-point/", desk_views.choose_service_point, name="choose_service_point"),
    path("settings/retention/", staff_views.retention, name="retention"),
    path("access-record/", staff_views.access_record, name="access_record"),
    path("access-record/export.csv", staff_views.access_record_export, name="access_record_export"),
    path("outbox/", outbox_views.outbox, name="outbox"),
    path("outbox/<int:pk>/retry/", outbox_views.outbox_retry, name="outbox_retry"),
    path("", include("interactions.urls")),
    path("", include("desk.urls")),
    path("", include("patrons.urls")),
    path("", include("feedback.urls.complaints")),
    path("", include("feedback.urls.reviews")),
    path("", include("feedback.urls.cards")),
    path("", include("feedback.urls.suggestions")),
    path("", include("policy.urls")),
    path("", include("reports.urls")),
    path("admin/", admin.site.urls),
]
