"""Settings for the test suite: the real settings with a fixed key and fast hashing."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Playwright's sync API runs an event loop in the test thread; the ORM calls there are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from servicedesk.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The live server of the browser tests speaks plain HTTP.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Static files come from the app folders, as in development; nothing is collected.
WHITENOISE_AUTOREFRESH = True
# A file, not memory: the browser tests' live server then opens its own connection, as an app
# server does, instead of sharing the test thread's.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(SQLITE_PATH.parent / "test.sqlite3")}  # noqa: F405
# Mail is sent at once, in the test, through the same outbox code (the row, its claim, "sent"):
# the tests of a failing mail server and of the worker switch to the database backend
# (outbox/tests/conftest.py), since this one cannot hold a retry for later.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# No persistent connections in tests: the live server's request threads come and go.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
