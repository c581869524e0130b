import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect

from staff.audit import current_page, current_user
from staff.current import leave_resume_note, remember_for_resume


class AccessRecordPageMiddleware:
    """Lets the access record say from which page a read came, and who changed an account. Paths hold ids only, never
    names or card numbers (look-ups are posted)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        page = current_page.set(request.path)
        user = current_user.set(request.user)
        try:
            return self.get_response(request)
        finally:
            current_page.reset(page)
            current_user.reset(user)


class NoStoreMiddleware:
    """Nothing sent to a signed-in person is kept by the browser or a proxy: pages, htmx
    fragments and exports hold patron details and notes, and on a shared desk terminal the
    back button or the disk cache would show them to whoever comes next. A response that
    already says how to cache it keeps its own word; static files (whitenoise answers them
    before this) and what anonymous visitors see are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True)
        return response


class SessionLimitsMiddleware:
    """Shared desk terminals: a session ends after SESSION_IDLE_MINUTES without a request,
    and in any case SESSION_MAX_HOURS after signing in. The person is sent to the sign-in
    page and, once signed in again, back to the page they were on.

    A request the page makes by itself (the console's live lists refreshing: static/js/app.js
    marks them with the BACKGROUND header) is not activity: a console left alone still ends,
    and the page warns before it does (templates/base.html, the idle warning)."""

    STARTED = "session_started_at"
    LAST_SEEN = "session_last_seen_at"
    BACKGROUND = "X-Background-Refresh"
    # Writing the session on every request would cost a database write each time.
    RECORD_EVERY_SECONDS = 30

    def __init__(self, get_response):
        self.get_response = get_response

    @classmethod
    def start_clock(cls, session) -> None:
        """At sign-in, so that ordinary requests need not write the session."""
        now = int(time.time())
        session[cls.STARTED] = now
        session[cls.LAST_SEEN] = now

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault(self.STARTED, now)
            last_seen = session.get(self.LAST_SEEN, now)
            if now - last_seen > settings.SESSION_IDLE_MINUTES * 60:
                return self._sign_out(
                    request,
                    f"You were signed out after {settings.SESSION_IDLE_MINUTES} minutes without activity. "
                    "Sign in to carry on where you were.",
                )
            if now - started > settings.SESSION_MAX_HOURS * 3600:
                return self._sign_out(
                    request,
                    f"Your session ended after {settings.SESSION_MAX_HOURS} hours. Sign in to carry on where you were.",
                )
            background = request.headers.get(self.BACKGROUND) == "1"
            if self.LAST_SEEN not in session or (not background and now - last_seen >= self.RECORD_EVERY_SECONDS):
                session[self.LAST_SEEN] = now
        return self.get_response(request)

    def _sign_out(self, request, message):
        back_to = self._page_of(request)
        resume = remember_for_resume(request)
        logout(request)
        leave_resume_note(request, resume)
        messages.info(request, message)
        login_url = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({REDIRECT_FIELD_NAME: back_to})}"
        if request.htmx:
            return HttpResponseClientRedirect(login_url)
        return HttpResponseRedirect(login_url)

    @classmethod
    def stay_signed_in(cls, session) -> None:
        """The idle warning's "Stay signed in": activity now, whenever it was last recorded."""
        session[cls.LAST_SEEN] = int(time.time())

    @staticmethod
    def _page_of(request) -> str:
        """The page the person was looking at: a form's POST address is not a page, the page
        the form was on is (where its draft comes back, static/js/app.js)."""
        if request.htmx and request.htmx.current_url_abs_path:
            return request.htmx.current_url_abs_path
        if request.method == "GET":
            return request.get_full_path()
        referer = urlsplit(request.headers.get("Referer", ""))
        if referer.path.startswith("/") and url_has_allowed_host_and_scheme(
            request.headers["Referer"], {request.get_host()}, request.is_secure()
        ):
            return f"{referer.path}?{referer.query}" if referer.query else referer.path
        return resolve_url("home")
