from django.urls import path

from feedback.views import complaints as views

app_name = "complaints"

urlpatterns = [
    path("complaints/", views.queue, name="queue"),
    path("complaints/new/", views.take, name="take"),
    path("complaints/escalated/", views.escalated, name="escalated"),
    path("complaints/<int:pk>/", views.detail, name="detail"),
    path("complaints/<int:pk>/letter/", views.letter, name="letter"),
    path("complaints/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("complaints/<int:pk>/assign/", views.assign, name="assign"),
    path("complaints/<int:pk>/start/", views.start, name="start"),
    path("complaints/<int:pk>/resolve/", views.resolve, name="resolve"),
    path("complaints/<int:pk>/escalate/", views.escalate, name="escalate"),
    path("complaints/<int:pk>/decide/", views.decide, name="decide"),
    path("complaints/<int:pk>/close/", views.close, name="close"),
    path("complaints/<int:pk>/reopen/", views.reopen, name="reopen"),
    path("complaints/<int:pk>/respond/", views.respond, name="respond"),
    path("complaints/<int:pk>/handled/", views.handled, name="handled"),
]
