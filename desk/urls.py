from django.urls import path

from desk.views import console, coverage

app_name = "desk"

urlpatterns = [
    path("desk/live/", console.live, name="live"),
    path("desk/sign-off/", coverage.sign_off, name="sign_off"),
    path("desk/coverage/", coverage.coverage, name="coverage"),
    path("desk/handover/new/", coverage.handover_new, name="handover_new"),
    path("desk/handover/<int:pk>/dismiss/", coverage.handover_dismiss, name="handover_dismiss"),
]
