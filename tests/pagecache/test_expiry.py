"""Cached pages honour an article's expiry time at that moment, before the expiry job runs, in every process."""

import datetime
import uuid
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from news.models import ArticlePage
from pagecache import store
from tests.factories import ArticlePageFactory
from tests.tools import REDIS_URL, redis_available

START = datetime.datetime(2024, 6, 3, 9, 0, tzinfo=datetime.UTC)
EXPIRY = START + datetime.timedelta(minutes=10)
AFTER = EXPIRY + datetime.timedelta(seconds=1)
TITLE = "Tijdelijk bericht"
SLUG = "tijdelijk-bericht"
# Every place that shows the article; the tag only it uses disappears with it.
SHOWING = [
    "/",
    "/nieuws/",
    "/nieuws/tag/gedeeld/",
    "/nieuws/feed/",
    "/nieuws/atom/",
    "/nieuws/tag/gedeeld/feed/",
    "/nieuws/tag/gedeeld/atom/",
    "/sitemap.xml",
]
GONE = [f"/nieuws/{SLUG}/", "/nieuws/tag/alleen-tijdelijk/", "/nieuws/tag/alleen-tijdelijk/feed/"]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def redis_cache():
    """The cache shared by all processes in production. Its entries expire by the real clock, which the
    tests' travel in time does not move: an entry is still there after the expiry, and must be refused."""
    if not redis_available():
        pytest.skip(f"needs Redis at {REDIS_URL}")
    import redis

    prefix = f"test-expiry-{uuid.uuid4().hex}"
    config = {
        "BACKEND": "rediscache.backend.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": prefix,
    }
    with override_settings(CACHES={"default": config}):
        yield
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def content(news_index, clock):
    """The expiring article, an article whose related block shows it, and one more with the shared tag."""
    article = ArticlePageFactory(
        parent=news_index, title=TITLE, slug=SLUG, tags=["gedeeld", "alleen tijdelijk"]
    )
    article.expire_at = EXPIRY
    article.save_revision().publish()
    reader = ArticlePageFactory(parent=news_index, title="Lezer", tags=["gedeeld"])
    return reader


def get(client, url):
    response = client.get(url)
    return response.status_code, response.get("X-Page-Cache"), response.content.decode()


def shows(body):
    return TITLE in body or SLUG in body


def cache_everything(client, urls):
    for url in urls:
        assert get(client, url)[:2] == (200, "miss"), url
    with CaptureQueriesContext(connection) as queries:
        for url in urls:
            status, state, body = get(client, url)
            assert (status, state) == (200, "hit"), url
            assert shows(body), url
    assert len(queries) == len(urls)  # a hit reads the content version, nothing else


@pytest.mark.parametrize("backend", ["local memory", "redis"])
def test_every_cached_page_drops_the_article_at_its_expiry_before_the_job_runs(
    client, home, content, clock, backend, request
):
    if backend == "redis":
        request.getfixturevalue("redis_cache")
    reader = content.url
    cache_everything(client, [*SHOWING, *GONE, reader])

    clock.move_to(EXPIRY - datetime.timedelta(seconds=1))
    for url in [*SHOWING, *GONE, reader]:
        assert get(client, url)[1] == "hit", url

    clock.move_to(AFTER)  # no publish_scheduled: the article is still live in the database
    assert ArticlePage.objects.filter(slug=SLUG, live=True).exists()
    for url in [*SHOWING, reader]:
        status, state, body = get(client, url)
        assert (status, state) == (200, "miss"), url
        assert not shows(body), url
    for url in GONE:
        assert get(client, url)[0] == 404, url
    if backend == "redis":  # still in Redis: refused for its time, not gone by the backend's timeout
        found = store.cache().get(store.key_for(home.get_site().pk, GONE[0]))
        assert found is not None and shows(found["content"].decode())
    with CaptureQueriesContext(connection) as queries:
        assert get(client, reader)[:2] == (200, "hit")  # cached again, until the next expiry
    assert len(queries) == 1


def test_lifetimes_for_browsers_and_a_cdn_end_at_the_expiry(client, content, clock):
    url = content.url
    get(client, url)
    clock.move_to(EXPIRY - datetime.timedelta(seconds=30))

    response = client.get(url)

    assert response["X-Page-Cache"] == "hit"
    assert response["Cache-Control"] == "public, max-age=30, s-maxage=30"


def test_without_any_expiry_to_come_pages_keep_the_usual_lifetimes(client, news_index, clock):
    article = ArticlePageFactory(parent=news_index, title="Blijvend")
    get(client, article.url)

    response = client.get(article.url)

    assert response["X-Page-Cache"] == "hit"
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=3600"


def test_a_page_whose_article_expires_while_it_renders_is_not_kept(client, content, clock, monkeypatch):
    original = ArticlePage.get_context

    def render_across_the_expiry(self, request, *args, **kwargs):
        context = original(self, request, *args, **kwargs)  # the related block still holds the article
        clock.move_to(AFTER)
        return context

    monkeypatch.setattr(ArticlePage, "get_context", render_across_the_expiry)
    assert shows(get(client, content.url)[2])
    monkeypatch.undo()

    status, state, body = get(client, content.url)
    assert (status, state) == (200, "miss")
    assert not shows(body)


def test_a_scheduled_article_shows_in_cached_pages_once_the_job_publishes_it(
    client, home, news_index, clock, django_capture_on_commit_callbacks
):
    ArticlePageFactory(parent=news_index, title="Lezer", tags=["gedeeld"])
    article = ArticlePageFactory(parent=news_index, title=TITLE, slug=SLUG, tags=["gedeeld"], live=False)
    article.go_live_at = EXPIRY
    article.save_revision().publish()
    for url in SHOWING:
        get(client, url)

    clock.move_to(AFTER)  # not live until the job publishes it: the cached pages are still right
    for url in SHOWING:
        status, state, body = get(client, url)
        assert (state, shows(body)) == ("hit", False), url

    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=StringIO())
    for url in SHOWING:
        status, state, body = get(client, url)
        assert (status, state, shows(body)) == (200, "miss", True), url
