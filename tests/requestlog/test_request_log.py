"""Production logs: one JSON line per request on stdout, errors with their traceback as JSON on stderr."""

import re
from unittest import mock

import pytest

from tests.factories import ArticlePageFactory
from tests.requestlog.conftest import load_production_settings, production_settings

GENERATED_ID = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def article(news_index):
    return ArticlePageFactory(parent=news_index, title="Gewoon bericht")


def test_one_json_line_per_request(client, article, production_logs):
    response = client.get(article.url + "?utm_source=nieuwsbrief", REMOTE_ADDR="203.0.113.9")

    requests, errors = production_logs()
    assert errors == []
    [line] = requests
    assert line["logger"] == "requestlog"
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == article.url  # without the query string
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert line["duration_ms"] >= 0
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", line["time"])
    assert GENERATED_ID.fullmatch(line["request_id"])
    assert response["X-Request-ID"] == line["request_id"]
    assert "client_ip" not in line
    assert "203.0.113.9" not in str(line)
    assert "utm_source" not in str(line)


def test_every_request_gets_its_own_id(client, article, production_logs):
    first, second = client.get(article.url), client.get(article.url)

    requests, _ = production_logs()
    assert [line["request_id"] for line in requests] == [first["X-Request-ID"], second["X-Request-ID"]]
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.parametrize("given", ["lb-7f3a9c", "5f0c3e9a-8d1b-4c4e-9a0e-2b7f6d1c3a55", "Root.1:abc_DEF"])
def test_a_sane_request_id_is_passed_through(client, article, production_logs, given):
    response = client.get(article.url, HTTP_X_REQUEST_ID=given)

    [line], _ = production_logs()
    assert response["X-Request-ID"] == line["request_id"] == given


@pytest.mark.parametrize(
    "given", ["", "a" * 65, "<script>", "id met spaties", 'x"}, {"status": 200', "naïef"]
)
def test_an_odd_request_id_is_replaced(client, article, production_logs, given):
    response = client.get(article.url, HTTP_X_REQUEST_ID=given)

    [line], _ = production_logs()
    assert GENERATED_ID.fullmatch(response["X-Request-ID"])
    assert line["request_id"] == response["X-Request-ID"] != given


def test_the_client_address_only_when_configured(client, article, production_logs, settings):
    settings.LOG_CLIENT_IP = True
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    client.get(article.url, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    client.get(article.url, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="2001:db8:1:2:3:4:5:6")

    requests, _ = production_logs()
    assert [line["client_ip"] for line in requests] == ["203.0.113.9", "2001:db8:1:2::"]  # IPv6 as its /64


def test_log_client_ip_comes_from_the_environment():
    assert production_settings("LOG_CLIENT_IP")["LOG_CLIENT_IP"] is False
    assert production_settings("LOG_CLIENT_IP", LOG_CLIENT_IP="true")["LOG_CLIENT_IP"] is True


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("LOG_LEVEL", "luid", "LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL."),
        ("HEALTH_WORKER_MAX_AGE", "een minuut", "HEALTH_WORKER_MAX_AGE must be a number of seconds"),
        ("HEALTH_DB_TIMEOUT", "0", "HEALTH_DB_TIMEOUT must be a number of seconds"),
        ("DB_CONNECT_TIMEOUT", "-1", "DB_CONNECT_TIMEOUT must be a number of seconds"),
    ],
)
def test_a_bad_setting_stops_the_start_with_a_clear_message(variable, value, message):
    done = load_production_settings("LOGGING", DATABASE_URL="postgres://u:p@db/x", **{variable: value})

    assert done.returncode != 0
    assert f"ImproperlyConfigured: {message}" in done.stderr


def test_secret_path_segments_are_redacted(client, db, production_logs):
    token = "eyJlIjoibGV6ZXJAZXhhbXBsZS5ubCJ9:1tXyZa:Q2hlY2tzdW0tdmFu"
    client.get(f"/blijf-op-de-hoogte/afmelden/{token}/")
    client.get("/admin/password_reset/confirm/MQ/cz7k3a-5d41402abc4b2a76b9719d911017c592/")

    requests, errors = production_logs()
    paths = [line["path"] for line in requests]
    assert paths == [
        "/blijf-op-de-hoogte/afmelden/[redacted]/",
        "/admin/password_reset/confirm/MQ/[redacted]/",
    ]
    assert token not in str(requests + errors)
    assert "5d41402abc4b" not in str(requests + errors)


def test_an_error_logs_its_traceback_to_stderr_with_the_request_id(client, db, production_logs):
    client.raise_request_exception = False
    path = "/blijf-op-de-hoogte/bevestigen/eyJlIjoiYSJ9:1tXyZa:c2lnbmF0dXVy/"
    with mock.patch("sitewide.sites.site_for", side_effect=RuntimeError("kapot")):
        response = client.get(path)

    requests, errors = production_logs()
    assert response.status_code == 500
    [request_line] = requests
    assert request_line["status"] == 500
    [error] = errors
    assert error["level"] == "ERROR"
    assert error["logger"] == "django.request"
    assert error["message"] == "Internal Server Error: /blijf-op-de-hoogte/bevestigen/[redacted]/"
    assert error["traceback"].startswith("Traceback (most recent call last):")
    assert "RuntimeError: kapot" in error["traceback"]
    assert error["request_id"] == request_line["request_id"] == response["X-Request-ID"]
    assert error["status_code"] == 500
    assert "c2lnbmF0dXVy" not in str(requests + errors)


def test_django_logs_an_error_response_after_the_middleware_with_the_id(
    client, db, settings, production_logs
):
    settings.ROOT_URLCONF = "tests.requestlog.urls"
    response = client.get("/kapot/")

    requests, [error] = production_logs()
    assert error["message"] == "Bad Gateway: /kapot/"
    assert error["request_id"] == requests[0]["request_id"] == response["X-Request-ID"]


def test_a_not_found_is_only_a_request_line(client, db, production_logs):
    response = client.get("/bestaat-niet/")

    requests, errors = production_logs()
    assert response.status_code == 404
    assert [line["status"] for line in requests] == [404]
    assert errors == []


def test_other_log_lines_of_a_request_carry_its_id(client, db, settings, tmp_path, production_logs):
    blocked = tmp_path / "media"
    blocked.write_text("")
    settings.MEDIA_ROOT = blocked

    response = client.get("/-/klaar/")

    requests, errors = production_logs()
    [warning] = errors  # not Django's "Service Unavailable: /-/klaar/" as well
    assert warning["logger"] == "health.checks"
    assert warning["level"] == "WARNING"
    assert warning["message"].startswith("Readiness check storage fails (")
    assert warning["request_id"] == response["X-Request-ID"] == requests[0]["request_id"]


def test_successful_probes_are_logged_only_when_asked(client, db, settings, production_logs):
    client.get("/-/gezond/")
    assert production_logs() == ([], [])

    client.post("/-/gezond/")
    settings.LOG_HEALTH_CHECKS = True
    client.get("/-/gezond/")
    requests, _ = production_logs()
    assert [(line["method"], line["path"], line["status"]) for line in requests] == [
        ("POST", "/-/gezond/", 405),
        ("GET", "/-/gezond/", 200),
    ]


def test_outside_a_request_lines_have_no_request_id(production_logs):
    import logging

    logging.getLogger("worker").warning("Database unavailable")

    _, [line] = production_logs()
    assert line["message"] == "Database unavailable"
    assert "request_id" not in line
