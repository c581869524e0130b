"""A password someone else set is a one-time password (roles.md): until its owner has chosen
their own, every page but the password change answers with a redirect to it.

The flag lives on the profile (StaffProfile.must_change_password) and is copied into the
session at sign-in, so that ordinary requests cost no query: a password set by someone else
ends the account's sessions, so the owner always signs in again after it."""

from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import Resolver404, resolve
from django_htmx.http import HttpResponseClientRedirect

from staff.models import StaffProfile

# What the owner may still open: the page to choose a password, its "done" page, signing out.
ALLOWED = frozenset({"password_change", "password_change_done", "logout", "stay_signed_in"})


class OneTimePasswordMiddleware:
    SESSION_KEY = "must_change_password"

    def __init__(self, get_response):
        self.get_response = get_response

    @classmethod
    def remember(cls, session, user) -> None:
        """At sign-in: whether this account still has to choose its password."""
        if StaffProfile.objects.filter(user=user, must_change_password=True).exists():
            session[cls.SESSION_KEY] = True
        else:
            session.pop(cls.SESSION_KEY, None)

    @classmethod
    def done(cls, session) -> None:
        session.pop(cls.SESSION_KEY, None)

    def __call__(self, request):
        if request.user.is_authenticated and request.session.get(self.SESSION_KEY):
            try:
                name = resolve(request.path_info).url_name
            except Resolver404:
                name = None
            if name not in ALLOWED:
                url = resolve_url("password_change")
                return HttpResponseClientRedirect(url) if getattr(request, "htmx", False) else HttpResponseRedirect(url)
        return self.get_response(request)
