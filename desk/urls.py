from django.urls import path

from desk.views import console

app_name = "desk"

urlpatterns = [
    path("desk/live/", console.live, name="live"),
]
