"""Development mail never reaches the server log: without SMTP_HOST each message is written to
a file under EMAIL_FILE_PATH (var/mail/ by default), created at start if missing. (The tests
themselves keep Django's in-memory outbox.)"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SEND = """
import django
django.setup()
from django.conf import settings
from django.core.mail import send_mail
print(settings.MAILERS["default"]["BACKEND"])
send_mail("C-7", "Dear Ottoline Quist, 7 Quist Row", "desk@library.example", ["o.quist@example.net"])
"""
BACKEND = "import django; django.setup(); from django.conf import settings; print(settings.MAILERS['default']['BACKEND'])"


def in_development(code, tmp_path, **env):
    """Run `code` under the real settings with DEBUG on, as `make run` does."""
    environment = {k: v for k, v in os.environ.items() if k not in {"SMTP_HOST", "EMAIL_FILE_PATH", "DATABASE_URL"}}
    environment.update(
        DJANGO_SETTINGS_MODULE="servicedesk.settings", DEBUG="1", SQLITE_PATH=str(tmp_path / "db.sqlite3"), **env
    )
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60)


def test_without_smtp_development_mail_goes_to_files_not_the_log(tmp_path):
    mail_dir = tmp_path / "var" / "mail"
    result = in_development(SEND, tmp_path, EMAIL_FILE_PATH=str(mail_dir))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.mail.backends.filebased.EmailBackend"
    assert "Quist" not in result.stdout + result.stderr
    [message] = list(mail_dir.iterdir())
    assert "Dear Ottoline Quist" in message.read_text()


def test_the_mail_folder_is_made_at_start(tmp_path):
    mail_dir = tmp_path / "not-yet" / "mail"
    result = in_development("import django; django.setup()", tmp_path, EMAIL_FILE_PATH=str(mail_dir))
    assert result.returncode == 0, result.stderr
    assert mail_dir.is_dir()


def test_with_smtp_mail_goes_to_the_mail_server(tmp_path):
    result = in_development(BACKEND, tmp_path, SMTP_HOST="mail.library.example")
    assert result.stdout.strip() == "django.core.mail.backends.smtp.EmailBackend", result.stderr
