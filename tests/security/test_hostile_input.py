"""Over two thousand hostile requests against every public URL and parameter: no 5xx, no reflected markup.

Runs on SQLite and, in CI's second pass, on PostgreSQL (which rejects NUL bytes that SQLite accepts).
"""

import pytest
from django.test import Client

from tests.site_content import build_public_site

MARKER = "<zq9marker>"
PAYLOADS = [
    "abc",
    "-1",
    "0",
    "1e99",
    "99999999999999999999",
    "1.5",
    "%00",
    "a%00b",
    "x" * 10_000,
    "😀🗞️",
    "\u202eجديد\u202c",
    "مرحبا",
    "%ff%fe",
    "%c3%28",
    "' OR '1'='1",
    "1; DROP TABLE wagtailcore_page;--",
    '" onmouseover="alert(1)',
    f"{MARKER}<script>alert(1)</script>",
    f"javascript:{MARKER}",
    "../../etc/passwd",
    "%2e%2e%2f",
    "NaN",
    "[]",
    "{}",
]
PARAMETERS = [
    "page",
    "q",
    "tag",
    "search",
    "limit",
    "offset",
    "order",
    "fields",
    "type",
    "format",
    "next",
    "utm_source",
]
ODD_METHODS = ["PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "POST"]


@pytest.fixture
def urls(home):
    paths = build_public_site(home)
    fixed = [
        "/zoeken/",
        "/sitemap.xml",
        "/robots.txt",
        "/nieuws/feed/",
        "/nieuws/atom/",
        "/nieuws/tag/samenwerking/feed/",
        "/api/v2/articles/",
        "/api/v2/articles/find/",
        "/blijf-op-de-hoogte/afmelden/",
    ]
    return sorted(set(paths.values()) | set(fixed))


def encode(payload: str) -> str:
    """Percent-encode except the sequences that are meant to reach the server as raw escapes."""
    from urllib.parse import quote

    return payload if payload.startswith("%") or "%00" in payload else quote(payload, safe="")


def check(response, what, problems):
    body = response.content.decode("utf-8", errors="replace")
    if response.status_code >= 500:
        problems.append(f"{response.status_code} for {what}")
    if MARKER in body:
        problems.append(f"unescaped marker reflected by {what}")


def test_hostile_requests_get_no_server_errors_and_no_reflection(urls, settings):
    client = Client(raise_request_exception=False)
    problems = []
    sent = 0
    for url in urls:
        for parameter in PARAMETERS:
            for payload in PAYLOADS:
                query = f"{parameter}={encode(payload)}"
                check(client.get(url, QUERY_STRING=query), f"GET {url}?{query[:60]}", problems)
                sent += 1
        for method in ODD_METHODS:
            check(client.generic(method, url), f"{method} {url}", problems)
            sent += 1
    for payload in PAYLOADS:
        for template in [
            "/nieuws/{}/",
            "/nieuws/tag/{}/",
            "/nieuws/tag/{}/feed/",
            "/{}/",
            "/api/v2/articles/{}/",
            "/blijf-op-de-hoogte/bevestigen/{}/",
            "/blijf-op-de-hoogte/afmelden/{}/",
        ]:
            path = template.format(encode(payload))
            check(client.get(path), f"GET {path[:80]}", problems)
            sent += 1
        response = client.post(
            "/blijf-op-de-hoogte/", {"email": payload, "topics": payload, "website": payload}
        )
        check(response, f"POST signup {payload[:30]}", problems)
        sent += 1

    assert sent >= 2000
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize(
    "host", ["evil.example", "nieuws.example.nl.evil.example", "localhost.evil.example", "[::1", "a" * 300]
)
def test_unknown_hosts_get_400(client, home, host):
    assert client.get("/", HTTP_HOST=host).status_code == 400
