from django.urls import path

from desk.views import callback_steps, callbacks, console, coverage, directory, referrals, waiting

app_name = "desk"

urlpatterns = [
    path("desk/live/", console.live, name="live"),
    path("desk/sign-off/", coverage.sign_off, name="sign_off"),
    path("desk/coverage/", coverage.coverage, name="coverage"),
    path("desk/handover/new/", coverage.handover_new, name="handover_new"),
    path("desk/handover/<int:pk>/dismiss/", coverage.handover_dismiss, name="handover_dismiss"),
    path("callbacks/", callbacks.callback_list, name="callbacks"),
    path("callbacks/new/", callbacks.new, name="callback_new"),
    path("callbacks/<int:pk>/", callbacks.detail, name="callback_detail"),
    path("callbacks/<int:pk>/done/", callback_steps.done, name="callback_done"),
    path("callbacks/<int:pk>/no-answer/", callback_steps.no_answer, name="callback_no_answer"),
    path("callbacks/<int:pk>/change/", callback_steps.change, name="callback_change"),
    path("callbacks/<int:pk>/cancel/", callback_steps.cancel, name="callback_cancel"),
    path("desk/waiting/", waiting.add, name="waiting_add"),
    path("desk/waiting/<int:pk>/acknowledge/", waiting.acknowledge, name="waiting_acknowledge"),
    path("desk/waiting/<int:pk>/serve/", waiting.serve, name="waiting_serve"),
    path("desk/waiting/<int:pk>/left/", waiting.left, name="waiting_left"),
    path("directory/", directory.directory, name="directory"),
    path("directory/me/", directory.own_entry, name="directory_me"),
    path("directory/new/", directory.place_new, name="directory_place_new"),
    path("directory/<int:pk>/edit/", directory.place_edit, name="directory_place_edit"),
    path("referrals/", referrals.referrals, name="referrals"),
    path("referrals/new/", referrals.new, name="referral_new"),
    path("referrals/<int:pk>/", referrals.detail, name="referral"),
    path("referrals/<int:pk>/answer/", referrals.answer, name="referral_answer"),
    path("referrals/<int:pk>/pass-on/", referrals.pass_on, name="referral_pass_on"),
]
