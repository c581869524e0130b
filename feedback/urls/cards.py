from django.urls import path

from feedback.views import cards as views

app_name = "cards"

urlpatterns = [
    path("comment-card/", views.kiosk, name="kiosk"),
    path("comment-card/thanks/", views.kiosk_thanks, name="kiosk_thanks"),
    path("feedback/", views.queue, name="queue"),
    path("feedback/new/", views.new, name="new"),
    path("feedback/<int:pk>/", views.detail, name="detail"),
    path("feedback/<int:pk>/thank/", views.thank, name="thank"),
    path("feedback/<int:pk>/act/", views.act, name="act"),
    path("feedback/<int:pk>/reply/", views.reply, name="reply"),
    path("feedback/<int:pk>/complaint/", views.to_complaint, name="to_complaint"),
    path("feedback/<int:pk>/suggestion/", views.to_suggestion, name="to_suggestion"),
    path("feedback/<int:pk>/close/", views.close, name="close"),
]
