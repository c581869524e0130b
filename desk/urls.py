from django.urls import path

from desk.views import console, directory, referrals

app_name = "desk"

urlpatterns = [
    path("desk/live/", console.live, name="live"),
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
