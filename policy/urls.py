from django.urls import path

from policy import views, views_checklists

app_name = "policy"

urlpatterns = [
    path("policies/", views.library, name="library"),
    path("policies/publishers/", views.publishers, name="publishers"),
    path("policies/checklists/", views_checklists.checklists, name="checklists"),
    path("policies/follow-through/", views_checklists.follow_through, name="follow_through"),
    path("policies/<int:pk>/", views.detail, name="detail"),
    path("policies/<int:pk>/versions/<int:number>/", views.version, name="version"),
    path("policies/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("policies/<int:pk>/publish/", views.publish, name="publish"),
    path("policies/<int:pk>/acknowledgments/", views.acknowledgments, name="acknowledgments"),
]
