"""The production configuration: `check --deploy` passes; with DEBUG off the app server
refuses to start without a secret key or host names, while commands that serve nothing
(makemigrations) still run."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    return run_python("manage.py", *args, **env)


def serve(**env):
    """Start the WSGI application, as gunicorn does."""
    return run_python("-c", "import servicedesk.wsgi", **env)


def run_python(*args, **env):
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE", "SMTP_HOST"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="servicedesk.settings", **env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_passes_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-production-secret-key-with-enough-length-and-variety-1234567890",
        ALLOWED_HOSTS="desk.library.example",
        SMTP_HOST="mail.library.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_debug_off_without_a_secret_key_refuses_to_start():
    result = serve(ALLOWED_HOSTS="desk.library.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_debug_off_without_allowed_hosts_refuses_to_start():
    result = serve(SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must name" in result.stderr


def test_check_deploy_fails_without_a_secret_key():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", ALLOWED_HOSTS="desk.library.example", SMTP_HOST="mail.example"
    )
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_commands_that_serve_nothing_run_without_any_configuration():
    result = manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def test_every_page_sends_a_content_security_policy_without_inline_script(client, db):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
