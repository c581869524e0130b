from django.urls import path

from feedback.views import card_steps as steps
from feedback.views import cards as views

app_name = "cards"

urlpatterns = [
    path("comment-card/", views.kiosk, name="kiosk"),
    path("comment-card/thanks/", views.kiosk_thanks, name="kiosk_thanks"),
    path("feedback/", views.queue, name="queue"),
    path("feedback/new/", views.new, name="new"),
    path("feedback/<int:pk>/", views.detail, name="detail"),
    path("feedback/<int:pk>/thank/", steps.thank, name="thank"),
    path("feedback/<int:pk>/act/", steps.act, name="act"),
    path("feedback/<int:pk>/reply/", steps.reply, name="reply"),
    path("feedback/<int:pk>/complaint/", steps.to_complaint, name="to_complaint"),
    path("feedback/<int:pk>/suggestion/", steps.to_suggestion, name="to_suggestion"),
    path("feedback/<int:pk>/close/", steps.close, name="close"),
]
