from django.urls import path

from reports import today_views, views

app_name = "reports"

urlpatterns = [
    path("reports/", views.index, name="index"),
    path("reports/board/", views.board, name="board"),
    path("reports/<slug:section>/<slug:table>.csv", views.export, name="export"),
    path("today/", today_views.today, name="today"),
]
