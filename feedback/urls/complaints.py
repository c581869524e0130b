from django.urls import path

from feedback.views import complaint_steps as steps
from feedback.views import complaints as views

app_name = "complaints"

urlpatterns = [
    path("complaints/", views.queue, name="queue"),
    path("complaints/new/", views.take, name="take"),
    path("complaints/escalated/", views.escalated, name="escalated"),
    path("complaints/<int:pk>/", views.detail, name="detail"),
    path("complaints/<int:pk>/letter/", views.letter, name="letter"),
    path("complaints/<int:pk>/acknowledge/", steps.acknowledge, name="acknowledge"),
    path("complaints/<int:pk>/assign/", steps.assign, name="assign"),
    path("complaints/<int:pk>/start/", steps.start, name="start"),
    path("complaints/<int:pk>/resolve/", steps.resolve, name="resolve"),
    path("complaints/<int:pk>/escalate/", steps.escalate, name="escalate"),
    path("complaints/<int:pk>/decide/", steps.decide, name="decide"),
    path("complaints/<int:pk>/close/", steps.close, name="close"),
    path("complaints/<int:pk>/reopen/", steps.reopen, name="reopen"),
    path("complaints/<int:pk>/respond/", steps.respond, name="respond"),
    path("complaints/<int:pk>/handled/", views.handled, name="handled"),
]
