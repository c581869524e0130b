from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def refuse_to_serve_misconfigured() -> None:
    """Stop an app server at start-up, naming what to set, rather than answer requests with
    errors (or for any host name) in production."""
    if settings.DEBUG:
        return
    try:
        secret_key = settings.SECRET_KEY
    except ImproperlyConfigured:  # Django's own "must not be empty"
        secret_key = ""
    if not secret_key:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off: generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    if not settings.ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must name this site's host(s) when DEBUG is off.")
