from django.urls import path

from feedback.views import review_steps as steps
from feedback.views import reviews as views

app_name = "reviews"

urlpatterns = [
    path("reviews/", views.queue, name="queue"),
    path("reviews/new/", views.new, name="new"),
    path("reviews/decisions/", views.decisions, name="decisions"),
    path("reviews/decisions/<int:pk>/", views.decision, name="decision"),
    path("reviews/<int:pk>/", views.detail, name="detail"),
    path("reviews/<int:pk>/copy/", views.copy, name="copy"),
    path("reviews/<int:pk>/letter/", views.letter, name="letter"),
    path("reviews/<int:pk>/acknowledge/", steps.acknowledge, name="acknowledge"),
    path("reviews/<int:pk>/committee/", steps.assign_committee, name="assign_committee"),
    path("reviews/<int:pk>/recommend/", steps.recommend, name="recommend"),
    path("reviews/<int:pk>/decide/", steps.decide, name="decide"),
    path("reviews/<int:pk>/send-decision/", steps.send_decision, name="send_decision"),
    path("reviews/<int:pk>/appeal/", steps.appeal, name="appeal"),
    path("reviews/<int:pk>/decide-appeal/", steps.decide_appeal, name="decide_appeal"),
    path("reviews/<int:pk>/send-appeal-decision/", steps.send_appeal_decision, name="send_appeal_decision"),
    path("reviews/<int:pk>/close/", steps.close, name="close"),
    path("reviews/<int:pk>/publish/", steps.publish, name="publish"),
]
