from django.urls import path

from patrons import views

app_name = "patrons"

urlpatterns = [
    path("patrons/", views.lookup, name="lookup"),
    path("patrons/new/", views.register, name="register"),
    path("patrons/<int:pk>/", views.detail, name="detail"),
    path("patrons/<int:pk>/edit/", views.edit, name="edit"),
]
