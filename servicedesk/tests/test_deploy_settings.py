"""The production configuration: `check --deploy` passes, and DEBUG off refuses to start
without a secret key or host names."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE", "SMTP_HOST"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="servicedesk.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
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
    result = manage("check", ALLOWED_HOSTS="desk.library.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_debug_off_without_allowed_hosts_refuses_to_start():
    result = manage("check", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must name" in result.stderr


def test_every_page_sends_a_content_security_policy_without_inline_script(client, db):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
