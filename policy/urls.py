from django.urls import path

from policy.views import checklists, library, publishing

app_name = "policy"

urlpatterns = [
    path("policies/", library.library, name="library"),
    path("policies/publishers/", publishing.publishers, name="publishers"),
    path("policies/checklists/", checklists.checklists, name="checklists"),
    path("policies/follow-through/", checklists.follow_through, name="follow_through"),
    path("policies/<int:pk>/", library.detail, name="detail"),
    path("policies/<int:pk>/versions/<int:number>/", library.version, name="version"),
    path("policies/<int:pk>/acknowledge/", library.acknowledge, name="acknowledge"),
    path("policies/<int:pk>/publish/", publishing.publish, name="publish"),
    path("policies/<int:pk>/acknowledgments/", library.acknowledgments, name="acknowledgments"),
]
