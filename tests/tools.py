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
