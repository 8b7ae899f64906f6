"""Production settings: `check --deploy` is clean, and a missing secret stops the server from starting."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_under_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        PRODUCTION="1",
        SECRET_KEY="k" * 20 + "-a-real-secret-from-the-environment-0123456789",
        ALLOWED_HOSTS="khuyenhoc.example.vn",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", PRODUCTION="1", ALLOWED_HOSTS="khuyenhoc.example.vn")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_postgresql_connections_are_opened_without_jit_compilation():
    # What Django hands to libpq for a PostgreSQL database (nothing connects: `make test` needs no server).
    result = run_manage(
        "shell",
        "--verbosity=0",
        "-c",
        "from django.db import connection\nprint(connection.get_connection_params().get('options'))",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/khuyenhoc",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "-c jit=off"
