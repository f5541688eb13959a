"""External tools some tests need. Missing ones skip those tests locally and fail them under CI=true."""

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def chromium_path() -> str | None:
    candidate = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if Path(candidate).exists() else None


def java_path() -> str | None:
    return shutil.which("java")


def missing_tools() -> dict[str, str]:
    """Tool group → one sentence saying how to enable it."""
    missing = {}
    if not chromium_path():
        missing["browser"] = (
            "browser tests skipped: Chromium not found; install it (apt-get install chromium) or set CHROMIUM_PATH"
        )
    if not java_path() or not VNU_JAR.exists():
        missing["html"] = (
            "HTML validation skipped: needs Java 11+ (apt-get install default-jre-headless) and vnu.jar "
            "(npm ci --ignore-scripts, run by make test when npm is present)"
        )
    return missing


def require(group: str) -> None:
    reason = missing_tools().get(group)
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and a required tool is missing: {reason}", pytrace=False)
    pytest.skip(reason)


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_available() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except (redis.RedisError, OSError):
        return False


def require_app_server_setup() -> None:
    """Two app servers need PostgreSQL and Redis; on SQLite this runs in CI's PostgreSQL pass instead."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip(
            "two app servers need PostgreSQL: runs in the PostgreSQL pass (DATABASE_URL=postgres://…)"
        )
    if not redis_available():
        reason = (
            f"two app servers need Redis at {REDIS_URL} (apt-get install redis-server; or set TEST_REDIS_URL)"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true and a required tool is missing: {reason}", pytrace=False)
        pytest.skip(reason)
