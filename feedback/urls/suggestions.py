from django.urls import path

from feedback.views import suggestions as views

app_name = "suggestions"

urlpatterns = [
    path("suggestions/", views.suggestion_list, name="list"),
    path("suggestions/new/", views.new, name="new"),
    path("suggestions/<int:pk>/", views.detail, name="detail"),
    path("suggestions/<int:pk>/decide/", views.decide, name="decide"),
]
