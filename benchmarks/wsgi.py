"""What `make bench` serves: the app, and under /bare/ a bare Django view in the same gunicorn
workers (no middleware, no session, no database), the absolute ceiling that /healthz is
compared against. Never used outside the benchmark."""

import os

from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpResponse
from django.urls import path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "servicedesk.settings")

from servicedesk.wsgi import application as app  # noqa: E402

BARE_PREFIX = "/bare/"


def bare(request):
    return HttpResponse("ok\n", content_type="text/plain")


urlpatterns = [path("bare/", bare)]


class BareHandler(WSGIHandler):
    """Django's request handling with no middleware at all, resolving against this module."""

    def load_middleware(self, is_async=False):
        def chain(request):
            request.urlconf = __name__
            return self._get_response(request)

        self._view_middleware, self._template_response_middleware, self._exception_middleware = [], [], []
        self._middleware_chain = convert_exception_to_response(chain)


bare_app = BareHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO", "").startswith(BARE_PREFIX):
        return bare_app(environ, start_response)
    return app(environ, start_response)
