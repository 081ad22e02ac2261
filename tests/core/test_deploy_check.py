"""Production settings pass Django's deployment checks with nothing silenced, and the
Content-Security-Policy report-only switch works from the environment.

Each case runs manage.py in a subprocess: settings are read once per process, and
production settings need their environment (as `make check` gives it).
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def manage(*args: str, settings: str, **env: str) -> subprocess.CompletedProcess:
    # Playwright's tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never does.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": settings,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "integrity.example",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings_and_nothing_silenced():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", settings="integrity.settings.production"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_settings_silence_no_check_and_forbid_framing():
    code = (
        "from django.conf import settings;"
        "print(settings.SILENCED_SYSTEM_CHECKS, settings.X_FRAME_OPTIONS,"
        " settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['frame-ancestors'])"
    )
    result = manage("shell", "--no-imports", "-c", code, settings="integrity.settings.production")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[] DENY [\"'none'\"]"


def test_csp_report_only_from_the_environment_moves_the_policy_to_report_only():
    code = (
        "from django.conf import settings;"
        "print(settings.CONTENT_SECURITY_POLICY,"
        " settings.CONTENT_SECURITY_POLICY_REPORT_ONLY['DIRECTIVES']['script-src'])"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        settings="integrity.settings.production",
        CSP_REPORT_ONLY="true",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None [\"'self'\"]"
