"""The content version: when it moves on, and what happens when it cannot be read."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from sitewide import versions
from sitewide.versions import ContentVersion
from tests.factories import ArticlePageFactory
from tests.tools import REDIS_URL, redis_available


def test_it_moves_on_once_per_transaction_after_the_commit_then_says_what_changed(
    news_index, settings, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(parent=news_index, title="Oud")
    article.title = "Nieuw"
    before = versions.read()
    heard = []

    def listener(sender, objects=None, **kwargs):
        heard.append((versions.read(), list(objects)))

    versions.content_changed.connect(listener)
    settings.CONTENT_VERSION_AFTER_COMMIT = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            article.save_revision().publish()  # several signals, each asking for a new version
            assert versions.read() == before  # nothing visible changes before the commit
    finally:
        versions.content_changed.disconnect(listener)

    after = versions.read()
    assert after != before
    assert len(heard) == 1  # one move and one message for the whole transaction
    assert heard[0][0] == after  # listeners (the CDN purge) run once the new version is in place
    assert article.pk in {obj.pk for obj in heard[0][1]}


def test_drafts_never_published_do_not_move_it_on(news_index):
    draft = ArticlePageFactory(parent=news_index, live=False)
    before = versions.read()
    draft.title = "Nog aan het schrijven"
    draft.save()  # what Wagtail's autosave does with a page that was never published
    draft.save_revision()
    assert versions.read() == before

    ArticlePageFactory(parent=news_index)  # a live page
    assert versions.read() != before


@pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # as a request runs: PostgreSQL ends a transaction after an error
def test_pages_are_served_when_the_version_cannot_be_read(client, news_index, monkeypatch):
    ArticlePageFactory(parent=news_index, slug="bericht", title="Gewoon zichtbaar")
    monkeypatch.setattr(ContentVersion._meta, "db_table", "ontbrekende_tabel")  # as before `migrate`

    assert versions.read() == ""
    assert "Gewoon zichtbaar" in client.get("/nieuws/").content.decode()
    assert client.get("/nieuws/bericht/").status_code == 200
    assert client.get("/").status_code == 200


@pytest.mark.skipif(not redis_available(), reason=f"needs Redis at {REDIS_URL}")
def test_a_cached_value_that_no_longer_unpickles_is_a_miss():
    import redis

    config = {"BACKEND": "rediscache.backend.ResilientRedisCache", "LOCATION": REDIS_URL}
    with override_settings(CACHES={"default": config}):
        cache = caches.create_connection("default")
        key = cache.make_and_validate_key("news:route:oud")
        # A pickled reference to a class that no longer exists, as after a rename in a deploy.
        redis.Redis.from_url(REDIS_URL).set(
            key,
            b"\x80\x04\x95\x1a\x00\x00\x00\x00\x00\x00\x00\x8c\x0bnews.models\x94\x8c\x07Verdwenen\x94\x93\x94.",
        )
        assert cache.get("news:route:oud") is None
        assert cache.get_many(["news:route:oud"]) == {}
        assert cache.get_or_set("news:route:oud", "vers") == "vers"
