from django.urls import path

from interactions import record_views, views

app_name = "interactions"

urlpatterns = [
    path("desk/", views.desk, name="desk"),
    path("desk/log/", views.log, name="log"),
    path("desk/quick/<int:kind_id>/", views.quick_log, name="quick_log"),
    path("desk/repeat/", views.repeat_last, name="repeat_last"),
    path("desk/close/", views.close_desk, name="close_desk"),
    path("interactions/<int:pk>/", record_views.detail, name="detail"),
    path("interactions/<int:pk>/undo/", views.undo, name="undo"),
    path("interactions/<int:pk>/void/", record_views.void, name="void"),
    path("patrons/<int:pk>/interactions/", record_views.patron_history, name="patron_history"),
]
