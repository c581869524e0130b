"""`/healthz` answered first, before the session, the user and the rest of the middleware.

A load balancer probes it every few seconds on every app server: it needs no session, no user
look-up, no CSRF cookie or security headers for browsers, only whether the database answers.
Through the whole stack a probe cost three queries (session, user, `SELECT 1`) and most of a
signed-in request's middleware time; here it costs the one query that is its purpose
(benchmarks/RESULTS.md). The view stays in servicedesk/views.py, and in the URLs, so that
`reverse("healthz")` and its tests are unchanged."""

from servicedesk import views

HEALTHZ_PATH = "/healthz"


class HealthCheckMiddleware:
    """Put first in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTHZ_PATH:
            return views.healthz(request)
        return self.get_response(request)
