"""The Django admin site, with a "view on site" shortcut (`/admin/r/<type>/<id>/`) that
answers only for the models this admin shows. For any other kind of record (patrons,
interactions, complaints, reviews, cards...: everything that holds content) it answers 404
without looking the id up, so that it never tells the Administrator whether one exists."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import Http404
from django.urls import path


class StaffAdminSite(admin.AdminSite):
    def get_urls(self):
        shortcut = path(
            "r/<path:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site, cacheable=True),
            name="view_on_site",
        )
        return [shortcut if getattr(url, "name", None) == "view_on_site" else url for url in super().get_urls()]

    def view_on_site(self, request, content_type_id, object_id):
        # Imported here: this module is loaded as an app config, before any model may be.
        from django.contrib.contenttypes import views as contenttype_views
        from django.contrib.contenttypes.models import ContentType

        content_type = ContentType.objects.filter(pk=content_type_id).first() if content_type_id.isdigit() else None
        model = content_type.model_class() if content_type is not None else None
        if model is None or model not in self._registry:
            raise Http404("Nothing here.")
        return contenttype_views.shortcut(request, content_type_id, object_id)


class StaffAdminConfig(AdminConfig):
    """Installed in place of django.contrib.admin, so that `admin.site` is the site above."""

    default_site = "staff.admin_site.StaffAdminSite"
