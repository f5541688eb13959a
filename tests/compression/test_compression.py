"""Anonymous visitors get pages, feeds, the sitemap, the API and the error pages compressed as their browser
asks (gzip or brotli), from the page cache too; whoever asks for nothing gets the plain body."""

import gzip
import time
from unittest import mock

import brotli
import pytest
import time_machine
from django.http import HttpResponse

from compression import middleware as compression
from tests.factories import ArticlePageFactory

BROWSER = "gzip, deflate, br, zstd"
DECODE = {"gzip": gzip.decompress, "br": brotli.decompress, None: lambda body: body}


@pytest.fixture(autouse=True)
def still_clock():
    """Bodies fetched twice are compared byte for byte: they must not straddle a 10-second bucket of the
    signup form's time stamp (newsletter/forms.py), which a slow machine now and then did."""
    with time_machine.travel(time.time(), tick=False):
        yield


@pytest.fixture
def article(news_index):
    for n in range(3):
        ArticlePageFactory(parent=news_index, title=f"Ander bericht {n}", tags=["zorg"])
    return ArticlePageFactory(parent=news_index, title="Samen sterker in de wijk", tags=["zorg"])


def fetch(client, url, accept_encoding=None, **extra):
    if accept_encoding is not None:
        extra["HTTP_ACCEPT_ENCODING"] = accept_encoding
    return client.get(url, **extra)


def decoded(response) -> bytes:
    return DECODE[response.get("Content-Encoding")](response.content)


def assert_compressed(response, coding, plain: bytes):
    assert response.get("Content-Encoding") == coding
    assert response["Content-Length"] == str(len(response.content))
    assert len(response.content) < len(plain)
    assert decoded(response) == plain
    assert "Accept-Encoding" in response["Vary"]


@pytest.mark.parametrize("coding", ["gzip", "br"])
@pytest.mark.parametrize("page", ["home", "article", "index", "feed", "atom", "sitemap", "api", "search"])
def test_anonymous_pages_feeds_sitemap_and_api_are_compressed(client, article, page, coding):
    url = {
        "home": "/",
        "article": article.url,
        "index": "/nieuws/",
        "feed": "/nieuws/feed/",
        "atom": "/nieuws/tag/zorg/atom/",
        "sitemap": "/sitemap.xml",
        "api": "/api/v2/articles/",
        "search": "/zoeken/?q=wijk",
    }[page]
    plain = fetch(client, url)
    assert plain.status_code == 200 and "Content-Encoding" not in plain

    response = fetch(client, url, coding)

    assert response.status_code == 200
    assert_compressed(response, coding, plain.content)
    assert "Accept-Encoding" in plain["Vary"]  # the plain body too: a shared cache must not mix them up


def test_the_not_found_bad_request_and_server_error_pages_are_compressed(client, article, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    with mock.patch("news.models.ArticlePage.get_context", side_effect=RuntimeError("kapot")):
        responses = {
            404: [fetch(client, "/bestaat-niet/", coding) for coding in (None, "gzip")],
            400: [fetch(client, "/", coding, HTTP_HOST="onbekend.example") for coding in (None, "gzip")],
            500: [fetch(client, article.url, coding) for coding in (None, "gzip")],
        }

    for status, (plain, response) in responses.items():
        assert plain.status_code == response.status_code == status
        assert_compressed(response, "gzip", plain.content)


@pytest.mark.parametrize(
    "accept_encoding, expected",
    [
        (BROWSER, "br"),
        ("gzip", "gzip"),
        ("x-gzip", "gzip"),
        ("GZip;Q=0.8", "gzip"),
        ("br;q=0.5, gzip", "gzip"),
        ("gzip;q=0.4, br;q=0.9", "br"),
        ("gzip, br;q=0", "gzip"),
        ("br, gzip;q=0", "br"),
        ("gzip;q=0, br;q=0", None),
        ("gzip;q=0.000", None),
        ("gzip;q=zero, br;q=2", None),  # malformed q-values refuse the coding
        ("*", "br"),
        ("br;q=0, *", "gzip"),
        ("*;q=0", None),
        ("gzip;q=0.5, identity", None),  # the plain body is preferred
        ("gzip, identity;q=0.5", "gzip"),
        ("identity", None),
        ("deflate, zstd", None),
        ("", None),
        (None, None),  # no header at all
    ],
)
def test_the_coding_follows_accept_encoding_and_its_q_values(client, home, accept_encoding, expected):
    plain = fetch(client, "/").content

    response = fetch(client, "/", accept_encoding)

    assert response.get("Content-Encoding") == expected
    assert decoded(response) == plain


def test_without_the_brotli_package_gzip_is_sent(client, home, monkeypatch):
    monkeypatch.setattr(compression, "brotli", None)

    assert fetch(client, "/", BROWSER)["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in fetch(client, "/", "br")


def test_cached_pages_are_sent_compressed_as_each_visitor_asks_compressed_only_once(
    client, article, settings
):
    settings.PAGE_CACHE = True
    real_encode = compression.encode
    with mock.patch.object(compression, "encode", side_effect=real_encode) as encode:
        first = fetch(client, article.url, "gzip")
        encodings_when_stored = encode.call_count
        turns = [fetch(client, article.url, ae) for ae in ("", "gzip", "br", None, "gzip;q=0, br", "gzip")]

    assert first["X-Page-Cache"] == "miss" and first["Content-Encoding"] == "gzip"
    assert [r["X-Page-Cache"] for r in turns] == ["hit"] * len(turns)
    assert [r.get("Content-Encoding") for r in turns] == [None, "gzip", "br", None, "br", "gzip"]
    plain = turns[0].content
    assert decoded(first) == plain and b"Samen sterker in de wijk" in plain
    for response in turns[1:]:
        assert decoded(response) == plain
        assert "Accept-Encoding" in response["Vary"]
        if response.get("Content-Encoding"):
            assert response["Content-Length"] == str(len(response.content))
    assert encodings_when_stored == 2  # gzip and brotli, once, when the page was stored
    assert encode.call_count == encodings_when_stored  # hits compress nothing


def test_a_cache_entry_stored_before_compression_existed_is_sent_compressed(client, home, settings):
    """Entries stored by the previous release hold no compressed bodies; they are compressed when sent."""
    settings.PAGE_CACHE = True
    with mock.patch.object(compression, "encode_all", return_value={}):
        assert fetch(client, "/", "gzip")["X-Page-Cache"] == "miss"

    response = fetch(client, "/", "gzip")

    assert response["X-Page-Cache"] == "hit"
    assert_compressed(response, "gzip", fetch(client, "/").content)


def test_static_files_are_left_to_whitenoise(client, home):
    response = fetch(client, "/static/css/site.css", BROWSER)
    body = b"".join(response.streaming_content)

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"{" in body and b"}" in body  # plain CSS, not compressed a second time


def test_short_responses_go_out_as_they_are(client, home):
    """robots.txt (under 200 bytes): compressing it would save nothing."""
    response = fetch(client, "/robots.txt", BROWSER)

    assert response.status_code == 200 and b"Sitemap:" in response.content
    assert "Content-Encoding" not in response


@pytest.mark.parametrize("etag, expected", [('"v1"', 'W/"v1"'), ('W/"v1"', 'W/"v1"')])
def test_a_strong_etag_becomes_weak_when_the_body_is_compressed(rf, etag, expected):
    def view(request):
        response = HttpResponse("<p>nieuws</p>" * 100)
        response["ETag"] = etag
        return response

    plain = compression.CompressionMiddleware(view)(rf.get("/nieuws/"))
    compressed = compression.CompressionMiddleware(view)(rf.get("/nieuws/", HTTP_ACCEPT_ENCODING="gzip"))

    assert plain["ETag"] == etag
    assert compressed["Content-Encoding"] == "gzip" and compressed["ETag"] == expected
