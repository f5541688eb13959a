"""gunicorn with the production settings and its database down: the probes answer a load balancer that
asks by IP address over plain http, and stdout and stderr carry JSON lines (gunicorn's own lines aside)."""

import json
import os
import urllib.error
import urllib.request

import pytest

from tests.servers import gunicorn


def fetch(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback only

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        response = urllib.request.build_opener(NoRedirect).open(request, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        return response.status, response.headers, response.read()


@pytest.fixture
def server(tmp_path):
    """gunicorn on a free port; yields (base URL, function that stops it and returns stdout and stderr)."""
    (tmp_path / "static").mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.health.server_settings",
        "DATABASE_URL": "postgres://nieuwsroom:geheim@127.0.0.1:1/nieuwsroom",  # nothing listens: down
        "SECRET_KEY": "probe-gunicorn-test-" + "k" * 40,
        "ALLOWED_HOSTS": "nieuws.example.nl",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PYTHONWARNINGS": "ignore",
    }
    for variable in ("SECURE_SSL_REDIRECT", "REDIS_URL", "LOG_CLIENT_IP", "LOG_HEALTH_CHECKS"):
        env.pop(variable, None)
    out, err = tmp_path / "stdout", tmp_path / "stderr"
    with (
        out.open("w") as stdout,
        err.open("w") as stderr,
        gunicorn(env, "/-/gezond/", stdout, stderr) as (
            process,
            base,
        ),
    ):

        def stop() -> tuple[list[str], list[str]]:
            process.terminate()
            process.wait(timeout=20)
            return out.read_text().splitlines(), err.read_text().splitlines()

        yield base, stop


def test_probes_and_logs_under_gunicorn(server):
    base, stop = server
    site = {"Host": "nieuws.example.nl"}

    live = fetch(base + "/-/gezond/")  # Host: 127.0.0.1:<port>, not in ALLOWED_HOSTS; plain http
    ready = fetch(base + "/-/klaar/", {"X-Request-ID": "lb-probe-1"})
    page = fetch(base + "/", {**site, "X-Forwarded-Proto": "https", "X-Request-ID": "bezoek-1"})
    plain = fetch(base + "/", site)
    foreign = fetch(base + "/", {"Host": "10.0.0.9", "X-Forwarded-Proto": "https"})
    stdout, stderr = stop()

    assert live[0] == 200
    assert json.loads(live[2]) == {"status": "ok"}
    assert ready[0] == 503
    assert json.loads(ready[2])["checks"]["database"] == {
        "status": "fail",
        "duration_ms": json.loads(ready[2])["checks"]["database"]["duration_ms"],
        "reason": "unavailable",
    }
    assert b"geheim" not in ready[2]
    assert b"127.0.0.1" not in ready[2]
    assert page[0] == 503  # the Dutch "database down" page
    assert plain[0] == 301  # other paths still go to https
    assert foreign[0] == 400

    requests = [json.loads(line) for line in stdout]  # every line on stdout is JSON
    assert [(r["path"], r["status"], r.get("request_id")) for r in requests] == [
        ("/-/klaar/", 503, "lb-probe-1"),
        ("/", 503, "bezoek-1"),
        ("/", 301, plain[1]["X-Request-ID"]),
        ("/", 400, foreign[1]["X-Request-ID"]),
    ]
    assert all("client_ip" not in r for r in requests)
    gunicorn_lines = [line for line in stderr if line.startswith("[")]  # gunicorn's own, plain text
    errors = [json.loads(line) for line in stderr if line not in gunicorn_lines]
    [failure] = [e for e in errors if e["logger"] == "django.request"]  # none for the failing probe
    assert failure["level"] == "ERROR"
    assert failure["message"] == "Service Unavailable: /"
    assert failure["request_id"] == "bezoek-1"
    assert "OperationalError" in failure["traceback"]
    assert any(e["logger"] == "health.checks" and e["request_id"] == "lb-probe-1" for e in errors)
    request_ids = {r["request_id"] for r in requests}
    assert all(e["request_id"] in request_ids for e in errors)  # every line written during a request
