"""The load balancer's probes: liveness needs nothing but the process, readiness reports each dependency."""

import threading
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import OperationalError, connections
from django.test import Client

from health import checks
from tests.factories import ArticlePageFactory
from tests.health.conftest import LEAKS, LIVENESS, READINESS, heartbeat
from tests.rediscache.fake_redis import FakeRedis

DOWN = OperationalError("could not connect to server at 127.0.0.1: Connection refused")


def assert_no_leaks(response):
    body = response.content.decode()
    for leak in LEAKS:
        assert leak not in body, leak


def assert_fails(response, check: str, reason: str) -> dict:
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"][check]["status"] == "fail"
    assert body["checks"][check]["reason"] == reason
    assert_no_leaks(response)
    return body


# No `db` fixture: pytest-django refuses every database query, so any use of the database is a 500.
def test_liveness_needs_neither_database_nor_cache(client):
    broken = mock.patch.object(caches["default"], "get", side_effect=ConnectionError("cache down"))
    with broken, mock.patch.object(connections["default"], "ensure_connection", side_effect=DOWN):
        response = client.get(LIVENESS)

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "application/json"


def test_liveness_answers_head_and_refuses_other_methods(client):
    head = client.head(LIVENESS)
    assert head.status_code == 200
    assert head.content == b""
    post = client.post(LIVENESS)
    assert post.status_code == 405
    assert post["Allow"] == "GET, HEAD"


def test_readiness_reports_every_check_when_all_pass(client, db, media, production_tasks):
    heartbeat(seconds_ago=5)

    response = client.get(READINESS)

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert not response.has_header("Retry-After")
    body = response.json()
    assert body["status"] == "ok"
    assert list(body["checks"]) == ["database", "cache", "storage", "worker"]
    for name, check in body["checks"].items():
        assert check["status"] == "ok", name
        assert isinstance(check["duration_ms"], float), name
    assert 4 <= body["checks"]["worker"]["age_s"] <= 60
    assert list(media.iterdir()) == []  # the storage probe's file is gone again
    assert "geheim-host-7" not in response.content.decode()


def test_database_down(client, db, media, production_tasks):
    heartbeat(seconds_ago=5)
    with mock.patch.object(connections["default"], "cursor", side_effect=DOWN):
        response = client.get(READINESS)

    body = assert_fails(response, "database", "unavailable")
    assert body["checks"]["worker"] == {"status": "fail", "duration_ms": 0.0, "reason": "unavailable"}
    assert body["checks"]["cache"]["status"] == body["checks"]["storage"]["status"] == "ok"


def test_cache_raising(client, db, media):
    error = ConnectionError("redis://:wachtwoord@cache.intern:6379 refused")
    with mock.patch.object(caches["default"], "set", side_effect=error):
        response = client.get(READINESS)

    body = assert_fails(response, "cache", "unavailable")
    assert body["checks"]["database"]["status"] == "ok"
    assert "wachtwoord" not in response.content.decode()


@pytest.mark.parametrize("redis", ["refusing", "hanging"])
def test_cache_unreachable(client, db, media, settings, redis):
    fake = FakeRedis() if redis == "hanging" else None
    settings.CACHES = {
        "default": {
            "BACKEND": "rediscache.backend.ResilientRedisCache",
            "LOCATION": fake.url if fake else "redis://127.0.0.1:1/0",  # a hung server, or nothing listening
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    try:
        response = client.get(READINESS)
    finally:
        if fake:
            fake.close()

    assert_fails(response, "cache", "unavailable")


def test_storage_unwritable(client, db, settings, tmp_path):
    blocked = tmp_path / "media"
    blocked.write_text("a file where the media folder should be")  # also fails when the tests run as root
    settings.MEDIA_ROOT = blocked

    assert_fails(client.get(READINESS), "storage", "unwritable")


def test_storage_other_than_the_file_system(client, db, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }

    response = client.get(READINESS)

    assert response.status_code == 200
    assert response.json()["checks"]["storage"]["status"] == "ok"


@pytest.mark.parametrize(("beats", "reason"), [((), "missing"), ((400,), "stale"), ((400, 900), "stale")])
def test_worker_missing_or_stale(client, db, media, production_tasks, beats, reason):
    for number, seconds_ago in enumerate(beats):
        heartbeat(seconds_ago, worker_id=f"worker-{number}")

    body = assert_fails(client.get(READINESS), "worker", reason)
    if beats:
        assert 400 <= body["checks"]["worker"]["age_s"] < 900  # the newest heartbeat counts
    assert body["checks"]["database"]["status"] == "ok"


def test_one_live_worker_among_dead_ones_is_enough(client, db, media, production_tasks):
    heartbeat(900, worker_id="old")
    heartbeat(3, worker_id="new")

    assert client.get(READINESS).status_code == 200


def test_worker_max_age_comes_from_the_setting(client, db, media, production_tasks, settings):
    heartbeat(seconds_ago=90)
    settings.HEALTH_WORKER_MAX_AGE = 120
    assert client.get(READINESS).status_code == 200
    checks.forget()
    settings.HEALTH_WORKER_MAX_AGE = 80
    assert_fails(client.get(READINESS), "worker", "stale")


@pytest.mark.parametrize("setup", ["immediate tasks", "max age 0"])
def test_worker_not_checked_where_no_worker_runs(client, db, media, settings, setup):
    if setup == "max age 0":
        settings.TASKS = {**settings.TASKS, "background": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        settings.HEALTH_WORKER_MAX_AGE = 0

    response = client.get(READINESS)

    assert response.status_code == 200
    assert "worker" not in response.json()["checks"]


def test_database_statement_timeout(client, db, media, production_tasks, settings):
    """A query that waits (here: for a lock another connection holds) is cancelled after HEALTH_DB_TIMEOUT."""
    connection = connections["default"]
    if connection.vendor != "postgresql":
        pytest.skip("a statement timeout exists on PostgreSQL; runs in the PostgreSQL pass")
    import psycopg

    settings.HEALTH_DB_TIMEOUT = 0.2
    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=False) as other:
        other.execute("LOCK TABLE worker_workerheartbeat IN ACCESS EXCLUSIVE MODE")
        # Without the statement timeout the probe would wait for ever: end the lock after 10 s instead.
        pid = other.info.backend_pid
        safety = threading.Timer(
            10, lambda: psycopg.connect(**params).execute(f"SELECT pg_terminate_backend({pid})")
        )
        safety.start()
        try:
            response = client.get(READINESS)
        finally:
            safety.cancel()

    body = assert_fails(response, "worker", "timeout")
    assert body["checks"]["database"]["status"] == "ok"
    assert client.get("/").status_code == 200  # the request's own connection is fine afterwards


def test_probes_answer_any_host_over_plain_http(db, media, settings, home):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["nieuws.example.nl"]
    client = Client()  # middleware built with these settings

    for path in (LIVENESS, READINESS):
        for host in ("10.0.3.7", "10.0.3.7:8000", "evil.example", "nieuws.example.nl"):
            response = client.get(path, HTTP_HOST=host)
            assert response.status_code == 200, (path, host)
            assert host not in response.content.decode()
    # Everything else still checks the host and redirects to https.
    assert client.get("/", HTTP_HOST="10.0.3.7").status_code == 400
    assert client.get("/", HTTP_HOST="nieuws.example.nl").status_code == 301
    assert client.get("/-/gezond", HTTP_HOST="10.0.3.7").status_code == 400  # exact paths only


def test_probes_are_never_page_cached(client, db, media, settings, tmp_path, monkeypatch):
    settings.PAGE_CACHE = True
    monkeypatch.setattr(checks, "REUSE_SECONDS", 0)
    first = client.get(READINESS)
    blocked = tmp_path / "blocked"
    blocked.write_text("")
    settings.MEDIA_ROOT = blocked
    second = client.get(READINESS)

    assert first.status_code == 200
    assert second.status_code == 503
    for response in (first, second, client.get(LIVENESS), client.get(LIVENESS)):
        assert not response.has_header("X-Page-Cache")
        assert response["Cache-Control"] == "no-store"


def test_a_probe_within_a_second_of_the_last_gets_its_result(client, db, media, settings, tmp_path):
    assert client.get(READINESS).status_code == 200
    blocked = tmp_path / "blocked"
    blocked.write_text("")
    settings.MEDIA_ROOT = blocked

    assert client.get(READINESS).status_code == 200  # REUSE_SECONDS: at most one check a second
    checks.forget()
    assert client.get(READINESS).status_code == 503


def test_a_probe_does_not_wait_behind_a_hanging_check(client, db, media, monkeypatch):
    """While one check waits for a dependency, other probes answer 503 "busy" instead of piling up."""
    monkeypatch.setattr(checks, "WAIT_SECONDS", 0.05)
    concurrent = {}

    def hanging_storage():
        thread = threading.Thread(target=lambda: concurrent.update(response=Client().get(READINESS)))
        thread.start()
        thread.join(timeout=10)  # would wait for ever if the probe waited behind this check

    with mock.patch.object(checks, "check_storage", side_effect=hanging_storage):
        first = client.get(READINESS)

    assert first.status_code == 200
    assert concurrent["response"].status_code == 503
    assert concurrent["response"].json() == {"status": "fail", "reason": "busy"}


def test_probes_are_not_in_the_sitemap_or_allowed_to_robots(client, home):
    ArticlePageFactory(parent=home, title="Bericht")
    sitemap = client.get("/sitemap.xml").content.decode()
    robots = client.get("/robots.txt").content.decode().splitlines()

    assert "/-/" not in sitemap
    assert "Disallow: /-/" in robots
    assert not [line for line in robots if line.startswith("Allow")]
    assert client.get(LIVENESS)["X-Robots-Tag"] == "noindex"
