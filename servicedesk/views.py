import sys

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from staff.decorators import SectionRefused
from staff.refusals import refusal, roles_come_from_it


@require_GET
@never_cache
@login_not_required
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not, nothing else."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
@login_not_required
def favicon(request):
    """Browsers ask for /favicon.ico whatever a page links, and before anyone signs in: the
    library's icon. A temporary redirect: the icon's static address changes with its content."""
    return redirect(static("favicon.svg"))


def permission_denied(request, exception):
    """The 403 page: for a section outside the person's roles, who can help and what they may
    do instead; otherwise a plain refusal that reveals nothing."""
    context = {"roles_come_from_it": roles_come_from_it(request.user)}
    if isinstance(exception, SectionRefused):
        context = refusal(request.user, exception.section, exception.allowed)
    return render(request, "403.html", context, status=403)


def bad_request(request, exception):
    """The 400 page, saying plainly when the form was too large (DATA_UPLOAD_MAX_MEMORY_SIZE).
    Rendered without the request, as Django's own handler does: a 400 may come from a bad
    Host header, and the request's context would ask for it again. Django reports a session
    it could not save as "interrupted" (a 400) even when the database was away: that is the
    503 page."""
    if _database_away(exception):
        return _unavailable()
    template = loader.get_template("400.html")
    return HttpResponseBadRequest(template.render(
            {"too_large": isinstance(exception, RequestDataTooBig), "limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
        ))


# How long a browser (or a retrying client) is told to wait when the database is away.
RETRY_AFTER_SECONDS = 15


def server_error(request):
    """The 500 page; the 503 page when the database could not be reached (it restarts, the
    network dropped): the person is told that nothing they saved is lost and to send the form
    again in a moment, with Retry-After. Neither page touches the database, nor shows a
    traceback; the error itself is still logged. Called while the exception is handled, as
    Django's own handler is, so `sys.exception()` is the error (a lost connection may also
    be what an error was raised while handling)."""
    if _database_away(sys.exception()):
        return _unavailable()
    return HttpResponseServerError(loader.get_template("500.html").render())


def _database_away(exception: BaseException | None) -> bool:
    """The error, or one it was raised while handling, is a lost or refused connection."""
    while exception is not None:
        if isinstance(exception, (OperationalError, InterfaceError)):
            return True
        exception = exception.__cause__ or exception.__context__
    return False


def _unavailable() -> HttpResponse:
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
