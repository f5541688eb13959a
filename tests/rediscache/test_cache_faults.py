"""Redis refusing connections or hanging: pages are served as usual, and a hung Redis costs one short wait
per breaker window (rediscache/backend.py), with the CACHES block of the production settings."""

import json
import logging
import os
import subprocess
import sys
import threading
import uuid

import pytest
import redis
from bs4 import BeautifulSoup
from django.core.cache import cache, caches

from rediscache import backend as resilient
from tests.factories import ArticlePageFactory, ImageFactory
from tests.rediscache.fake_redis import FakeRedis
from tests.tools import REDIS_URL, ROOT, redis_available

WINDOW = 5.0  # the production default of REDIS_BREAKER_SECONDS
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "site_project.settings.production",
    "SECRET_KEY": "cache-faults-test-" + "k" * 40,
    "ALLOWED_HOSTS": "testserver",
}


def production_caches(**env) -> subprocess.CompletedProcess:
    code = "import json; from django.conf import settings; print(json.dumps(settings.CACHES))"
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={**os.environ, **PRODUCTION_ENV, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def production_cache():
    """The production CACHES entry, with the timeouts shortened through the environment."""
    done = production_caches(
        REDIS_URL="redis://placeholder/0", REDIS_CONNECT_TIMEOUT="0.2", REDIS_TIMEOUT="0.2"
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["default"]


class Clock:
    """The breaker's clock: stands still unless moved on, or moves `step` seconds at every reading."""

    def __init__(self, step=0.0):
        self.now, self.step = 1000.0, step

    def __call__(self):
        self.now += self.step
        return self.now


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    resilient.forget_breakers()
    fake = Clock()
    monkeypatch.setattr(resilient, "clock", fake)
    yield fake
    resilient.forget_breakers()


@pytest.fixture
def use_redis(settings, production_cache):
    def use(url, **extra):
        settings.CACHES = {"default": {**production_cache, "LOCATION": url, **extra}}
        settings.PAGE_CACHE = True

    return use


@pytest.fixture
def fake_redis():
    server = FakeRedis()
    yield server
    server.close()


@pytest.fixture
def site(home, news_index):
    image = ImageFactory()
    article = ArticlePageFactory(
        parent=news_index, title="Met beeld", image=image, image_alt="Een brug", tags=["samen"]
    )
    ArticlePageFactory(
        parent=news_index, title="Ook met beeld", image=image, image_alt="Een dijk", tags=["samen"]
    )
    return {"home": "/", "article": article.url, "news index": news_index.url, "robots": "/robots.txt"}


def seen(client, site) -> dict:
    """What a visitor sees on each page that depends on the cache: card titles, images, the share image."""
    found = {}
    for name, path in site.items():
        response = client.get(path)
        assert response.status_code == 200, (name, response.status_code)
        if name == "robots":
            found[name] = response.content.decode()
            continue
        soup = BeautifulSoup(response.content, "html.parser")
        share = soup.find("meta", property="og:image")
        found[name] = {
            "cards": [a.get_text() for a in soup.select(".card__title a")],
            "images": [img["src"].rsplit("/", 1)[1] for img in soup.select("main img")],
            "share image": share["content"].rsplit("/", 1)[1] if share else None,
        }
    return found


def assert_complete(pages):
    assert "Disallow: /admin/" in pages["robots"]
    assert set(pages["home"]["cards"]) == {"Met beeld", "Ook met beeld"}
    assert pages["article"]["cards"] == ["Ook met beeld"]
    assert ".fill-1200x630" in pages["article"]["share image"]
    assert any(".fill-640x360" in src for src in pages["article"]["images"])
    assert sum(".fill-400x225" in src for src in pages["news index"]["images"]) == 2


@pytest.mark.parametrize("step", [0.0, WINDOW + 1], ids=["breaker open", "every call tries redis"])
def test_pages_are_complete_when_redis_refuses_connections(client, site, use_redis, settings, clock, step):
    clock.step = step
    use_redis("redis://127.0.0.1:1/0")  # nothing listens there
    during = [seen(client, site) for _ in range(3)]

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    normal = seen(client, site)
    assert_complete(normal)
    assert during == [normal] * 3


def test_a_hanging_redis_costs_one_connection_per_breaker_window(
    client, site, use_redis, fake_redis, clock, caplog
):
    use_redis(fake_redis.url.replace("redis://", "redis://:geheim@"))
    with caplog.at_level(logging.WARNING, logger="rediscache.backend"):
        burst = [seen(client, site) for _ in range(5)]  # 20 requests
        assert fake_redis.connection_attempts() == 1
        clock.now += WINDOW
        after_window = [seen(client, site) for _ in range(2)]
        assert fake_redis.connection_attempts() == 2  # one probe, then skipped again

    assert_complete(burst[0])
    assert burst + after_window == [burst[0]] * 7
    unreachable = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(unreachable) == 1
    assert "Timeout" in unreachable[0].getMessage()
    assert f"redis://127.0.0.1:{fake_redis.port}/0" in unreachable[0].getMessage()
    assert "geheim" not in caplog.text


def test_after_the_window_one_thread_probes_and_the_others_skip(use_redis, fake_redis, clock):
    use_redis(fake_redis.url)
    assert cache.get("kaart", "leeg") == "leeg"  # times out; the breaker opens
    clock.now += WINDOW
    answers = []

    def visitor():
        answers.append(caches["default"].get_many(["kaart"]))  # each thread has its own cache object

    threads = [threading.Thread(target=visitor) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert answers == [{}] * 8
    assert len({id(answer) for answer in answers}) == 8
    assert fake_redis.connection_attempts() == 2


def test_the_cache_is_used_again_once_redis_answers(client, site, use_redis, fake_redis, clock, caplog):
    if not redis_available():
        pytest.skip(f"needs Redis at {REDIS_URL}")
    prefix = f"cache-faults-{uuid.uuid4().hex}"
    use_redis(fake_redis.url_for(REDIS_URL), KEY_PREFIX=prefix)
    try:
        assert client.get(site["article"]).status_code == 200  # times out; the breaker opens
        fake_redis.answer_from(REDIS_URL)
        assert client.get(site["article"]).get("X-Page-Cache") == "miss"
        assert client.get(site["article"]).get("X-Page-Cache") == "miss"  # still skipped: not stored
        assert fake_redis.connection_attempts() == 1

        clock.now += WINDOW
        with caplog.at_level(logging.WARNING, logger="rediscache.backend"):
            assert client.get(site["article"]).get("X-Page-Cache") == "miss"  # the probe; stored
        assert client.get(site["article"]).get("X-Page-Cache") == "hit"
        assert any("reachable again" in r.getMessage() for r in caplog.records)
    finally:
        keys = list(redis.Redis.from_url(REDIS_URL).scan_iter(f"{prefix}:*"))
        if keys:
            redis.Redis.from_url(REDIS_URL).delete(*keys)


def test_every_failed_read_is_a_new_object_and_writes_report_failure(use_redis, clock):
    use_redis("redis://127.0.0.1:1/0")
    clock.step = WINDOW + 1  # every call goes to Redis and fails
    first = cache.get_many(["kaart"])
    first["kaart"] = "<article>kaart</article>"

    assert cache.get_many(["kaart"]) == {}
    assert cache.get("kaart", default="standaard") == "standaard"
    assert cache.get_or_set("lijst", list) == []
    assert cache.get_or_set("lijst", list) is not cache.get_or_set("lijst", list)
    assert cache.incr("teller") == 1 and cache.decr("teller", 2) == -2  # counters fail open
    assert "kaart" not in cache
    assert cache.add("kaart", 1) is False
    assert cache.set("kaart", 1) is False
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.delete("kaart") is False
    assert cache.touch("kaart") is False
    assert cache.clear() is False
    with pytest.raises(ValueError, match="not found"):
        cache.incr_version("kaart")


def test_production_timeouts_come_from_the_environment(production_cache):
    assert production_cache["BACKEND"] == "rediscache.backend.ResilientRedisCache"
    assert production_cache["OPTIONS"] == {
        "socket_connect_timeout": 0.2,
        "socket_timeout": 0.2,
        "breaker_seconds": WINDOW,
    }
    defaults = production_caches(REDIS_URL="redis://placeholder/0")
    assert json.loads(defaults.stdout)["default"]["OPTIONS"] == {
        "socket_connect_timeout": 0.5,
        "socket_timeout": 0.5,
        "breaker_seconds": WINDOW,
    }


@pytest.mark.parametrize("value", ["abc", "0", "-1", "nan", "3600"])
def test_a_bad_timeout_stops_the_start_with_a_clear_message(value):
    done = production_caches(REDIS_URL="redis://placeholder/0", REDIS_TIMEOUT=value)

    assert done.returncode != 0
    assert "REDIS_TIMEOUT must be a number of seconds above 0 and at most 60." in done.stderr
