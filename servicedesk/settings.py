"""Settings for Library Service Desk, read from the environment (see README.md, Configuration).

Secure by default: with DEBUG off (the default) cookies, HSTS and the HTTPS redirect are on,
and the app refuses to serve (servicedesk/wsgi.py) without a SECRET_KEY and ALLOWED_HOSTS.
Commands that serve nothing (makemigrations, check) still run without them.
"""

import datetime
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from servicedesk.lib.client import trusted_proxies
from servicedesk.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

# Empty with DEBUG off and none given: Django then refuses anything that signs (sessions,
# CSRF), check --deploy fails, and servicedesk/wsgi.py refuses to serve.
SECRET_KEY = env_str("SECRET_KEY") or ("development-only-key-never-use-in-production" if DEBUG else "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "staff.admin_site.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "axes",
    # Before django_tasks_db: its `db_worker` command is the outbox's, which outlives a database restart.
    "outbox",
    "django_tasks_db",
    "staff",
    "patrons",
    "interactions",
    "feedback",
    "desk",
    "policy",
    "library",
    "reports",
]

MIDDLEWARE = [
    # /healthz answers here, before the session and user look-up (servicedesk/health.py).
    "servicedesk.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "staff.middleware.NoStoreMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "staff.middleware.AccessRecordPageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "staff.middleware.SessionLimitsMiddleware",
    "staff.one_time_password.OneTimePasswordMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "servicedesk.urls"
WSGI_APPLICATION = "servicedesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "staff.context_processors.desk",
                "policy.context_processors.policy_banner",
            ],
        },
    },
]
# Widgets are drawn by Jinja2 (servicedesk/lib/forms.py); pages stay Django templates.
FORM_RENDERER = "servicedesk.lib.forms.WidgetRenderer"

# PostgreSQL in production (DATABASE_URL), an embedded SQLite file otherwise.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DB_CONN_MAX_AGE", 600),
            conn_health_checks=True,
        )
    }
else:
    SQLITE_PATH = Path(env_str("SQLITE_PATH", str(BASE_DIR / "var" / "servicedesk.sqlite3")))
    # var/ is git-ignored, so a fresh clone has none yet.
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(SQLITE_PATH),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

# Reports read from a PostgreSQL replica when one is given, so heavy reporting never slows
# the desk (reports/replica.py). Tests mirror it onto the default database.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 600), conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
REPORTS_DATABASE = "replica" if DATABASE_REPLICA_URL else "default"
DATABASE_ROUTERS = ["reports.replica.ReportsReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Flash messages stay on the server: none of their text ever travels in a cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Shared desk terminals: idle sessions end, and every session ends some hours after sign-in.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 15)
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600

# Sign-in lockout (django-axes). Desk terminals share the library's address, so neither an
# address nor a username alone ever locks: failures lock that username at that terminal
# (client_address, below, tells terminals apart behind a proxy), and the person can still sign
# in at another terminal. The lock is a cool-off, never a hard lock: SIGN_IN_LOCKOUT_MINUTES at
# the limit, twice as long for each further wrong password there, at most
# SIGN_IN_LOCKOUT_MAX_MINUTES (staff/lockout.py). Supervisors, the Director and IT unlock.
AXES_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 5)
SIGN_IN_COOL_OFF = datetime.timedelta(minutes=env_int("SIGN_IN_LOCKOUT_MINUTES", 15))
SIGN_IN_COOL_OFF_MAX = datetime.timedelta(minutes=env_int("SIGN_IN_LOCKOUT_MAX_MINUTES", 240))
AXES_COOLOFF_TIME = "staff.lockout.cool_off"
AXES_HANDLER = "staff.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "servicedesk.lib.client.client_address"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A try during a lock is refused without counting: the page's "until" stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "staff.lockout.locked_out"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail goes to the mail server SMTP_HOST names. Without one (development), each message is
# written to a file in MAIL_FILE_PATH (env EMAIL_FILE_PATH), never to the console: printed mail
# would put patron names and addresses in the server log, which never holds them (README.md).
# (Django refuses its old EMAIL_* setting names next to MAILERS, hence MAIL_FILE_PATH.)
SMTP_HOST = env_str("SMTP_HOST")
MAIL_FILE_PATH = Path(env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail")))
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": SMTP_HOST,
                "port": env_int("SMTP_PORT", 587),
                "username": env_str("SMTP_USER", ""),
                "password": env_str("SMTP_PASSWORD", ""),
                "use_tls": env_bool("SMTP_STARTTLS", True),
                "timeout": 10,
            },
        }
        if SMTP_HOST
        else {"BACKEND": "django.core.mail.backends.filebased.EmailBackend", "OPTIONS": {"file_path": str(MAIL_FILE_PATH)}}
    )
}
if not SMTP_HOST:
    # var/ is git-ignored, so a fresh clone has none yet.
    MAIL_FILE_PATH.mkdir(parents=True, exist_ok=True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "service-desk@localhost")
# Where staff open the app, for the links in e-mails to them.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# E-mail goes through the outbox (outbox/services.py): a row saved with the change that causes it,
# and a task in the database (django-tasks-db: the database is the queue) that the worker,
# `manage.py db_worker` (`make run`, `make worker`), runs. A failed try waits
# OUTBOX_RETRY_SECONDS, each next wait twice the last; after OUTBOX_ATTEMPTS tries the message
# is kept as failed, for a supervisor to send again from the outbox page.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
OUTBOX_ATTEMPTS = env_int("OUTBOX_ATTEMPTS", 8)
OUTBOX_RETRY_SECONDS = env_int("OUTBOX_RETRY_SECONDS", 60)
# How long a worker holds a message it is sending; a message due longer ago than this that no
# worker holds (its task lost to a killed worker or a database outage) is queued again.
OUTBOX_CLAIM_SECONDS = env_int("OUTBOX_CLAIM_SECONDS", 300)

# Security. Everything below is on unless DEBUG is; each can be set explicitly.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The proxies whose X-Forwarded-For names the client (servicedesk/lib/client.py), as gunicorn
# reads the same variable for X-Forwarded-Proto. A typo stops the server here.
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", ["127.0.0.1"])
trusted_proxies(tuple(FORWARDED_ALLOW_IPS))
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline script or style anywhere: every script and stylesheet is a file under static/.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    # Bootstrap draws its form controls with data: SVGs.
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Two lines for every e-mail sent is noise; a failed task still logs its error.
    "loggers": {"django.tasks": {"level": "WARNING"}},
}

# The library's card numbers: a regular expression and the words that explain it to staff.
PATRON_CARD_NUMBER_PATTERN = env_str("PATRON_CARD_NUMBER_PATTERN", r"^\d{14}$")
PATRON_CARD_NUMBER_HINT = env_str("PATRON_CARD_NUMBER_HINT", "14 digits, as printed under the barcode")

# The comment-card kiosk (/comment-card/): at most this many cards from one address in so
# many minutes, and how many business days the library takes to reply when asked to.
COMMENT_CARD_RATE_LIMIT = env_int("COMMENT_CARD_RATE_LIMIT", 5)
COMMENT_CARD_RATE_MINUTES = env_int("COMMENT_CARD_RATE_MINUTES", 10)
COMMENT_CARD_REPLY_DAYS = env_int("COMMENT_CARD_REPLY_DAYS", 5)
