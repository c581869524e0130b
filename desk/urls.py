from django.urls import path

from desk.views import console, waiting

app_name = "desk"

urlpatterns = [
    path("desk/live/", console.live, name="live"),
    path("desk/waiting/", waiting.add, name="waiting_add"),
    path("desk/waiting/<int:pk>/acknowledge/", waiting.acknowledge, name="waiting_acknowledge"),
    path("desk/waiting/<int:pk>/serve/", waiting.serve, name="waiting_serve"),
    path("desk/waiting/<int:pk>/left/", waiting.left, name="waiting_left"),
]
