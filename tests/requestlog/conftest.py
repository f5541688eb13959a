import copy
import io
import json
import logging
import logging.config
import os
import subprocess
import sys

import pytest

from tests.tools import ROOT

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "site_project.settings.production",
    "SECRET_KEY": "request-log-test-" + "k" * 40,
    "ALLOWED_HOSTS": "testserver",
}


def load_production_settings(*names: str, **env) -> subprocess.CompletedProcess:
    code = (
        "import json, sys; from django.conf import settings; "
        "print(json.dumps({name: getattr(settings, name) for name in sys.argv[1:]}))"
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code, *names],
        env={**os.environ, **PRODUCTION_ENV, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return done


def production_settings(*names: str, **env) -> dict:
    """Settings as the production settings module makes them from this environment (a fresh process)."""
    done = load_production_settings(*names, **env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="session")
def production_logging_config() -> dict:
    return production_settings("LOGGING")["LOGGING"]


@pytest.fixture
def production_logs(production_logging_config, monkeypatch):
    """Logging configured with production's LOGGING dict, its stdout and stderr streams replaced by buffers;
    returns a function giving the JSON lines written since its last call: `(stdout_lines, stderr_lines)`."""
    config = copy.deepcopy(production_logging_config)
    streams = {"ext://sys.stdout": io.StringIO(), "ext://sys.stderr": io.StringIO()}
    for handler in config["handlers"].values():
        handler["stream"] = streams[handler["stream"]]
    names = ["", "requestlog", "django", "django.request"]
    saved = {}
    for name in names:
        logger = logging.getLogger(name)
        saved[name] = (logger.handlers[:], logger.level, logger.propagate, logger.filters[:])
    # dictConfig first closes every handler there is, pytest's own log file among them: not here.
    monkeypatch.setattr(logging.config, "_clearExistingHandlers", lambda: None)
    logging.config.dictConfig(config)

    def read() -> tuple[list[dict], list[dict]]:
        lines = []
        for stream in streams.values():
            lines.append([json.loads(line) for line in stream.getvalue().splitlines()])
            stream.seek(0)
            stream.truncate()
        return lines[0], lines[1]

    yield read
    for name, (handlers, level, propagate, filters) in saved.items():
        logger = logging.getLogger(name)
        logger.handlers[:], logger.filters[:] = handlers, filters
        logger.setLevel(level)
        logger.propagate = propagate
