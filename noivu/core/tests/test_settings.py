"""Production defaults: DEBUG off, no built-in key, ``check --deploy`` clean under HTTPS."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "HTTPS"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="noivu.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=clean, capture_output=True, text=True, timeout=120
    )


def test_without_a_key_and_debug_the_server_refuses_to_start():
    result = manage("check")
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in result.stderr


def test_debug_is_off_unless_asked_for():
    shown = "from django.conf import settings; print(settings.DEBUG, settings.SESSION_COOKIE_AGE)"
    assert manage("shell", "-v", "0", "-c", shown, SECRET_KEY="k" * 60).stdout.split() == ["False", "28800"]
    assert manage("shell", "-v", "0", "-c", shown, DEBUG="1").stdout.split() == ["True", "28800"]


def test_check_deploy_is_clean_under_the_production_settings():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=secrets.token_urlsafe(50), HTTPS="1"
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
