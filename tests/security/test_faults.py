"""When the database, the cache or the mail server is down, visitors get a proper answer."""

from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.utils import timezone

from newsletter.models import Delivery
from tests.factories import ArticlePageFactory, make_subscriber

LEAKS = ["Traceback", "SELECT", "OperationalError", "/work/", "site-packages", ".py", "sqlite", "psycopg"]


@pytest.fixture
def article(news_index):
    return ArticlePageFactory(parent=news_index, title="Gewoon bericht")


def test_database_down_gives_the_dutch_error_page_and_recovers(client, article):
    client.raise_request_exception = False
    url = article.url
    down = OperationalError("could not connect to server: Connection refused")
    with mock.patch.object(connections["default"], "cursor", side_effect=down):
        response = client.get(url)

    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Tijdelijk niet beschikbaar" in body
    assert '<html lang="nl">' in body
    for leak in LEAKS:
        assert leak not in body, leak
    assert client.get(article.url).status_code == 200


def test_other_errors_give_the_dutch_500_page_without_internals(client, article):
    client.raise_request_exception = False
    url = article.url
    with mock.patch("news.models.ArticlePage.get_context", side_effect=RuntimeError("/work/main/geheim.py")):
        response = client.get(url)

    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
    for leak in LEAKS:
        assert leak not in response.content.decode(), leak


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "rediscache.backend.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens here
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.PAGE_CACHE = True


def test_cache_down_pages_are_still_served_uncached(
    client, article, redis_down, django_capture_on_commit_callbacks
):
    first = client.get(article.url)
    second = client.get(article.url)

    assert first.status_code == second.status_code == 200
    assert second.get("X-Page-Cache") != "hit"
    assert client.get("/nieuws/").status_code == 200
    article.title = "Bijgewerkt tijdens storing"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert "Bijgewerkt tijdens storing" in client.get(article.url).content.decode()


def test_mail_down_publishing_still_succeeds(news_index, settings, django_capture_on_commit_callbacks):
    settings.MAILERS = {"default": {"BACKEND": "tests.newsletter.backends.DownBackend"}}
    make_subscriber("lezer@example.nl")
    article = ArticlePageFactory(
        parent=news_index, title="Vers nieuws", live=False, date=timezone.localdate()
    )
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    article.refresh_from_db()
    assert article.live
    # The announcement is not lost: the reader's mail waits for a retry.
    delivery = Delivery.objects.get(article=article, subscriber__email="lezer@example.nl")
    assert (delivery.status, delivery.attempts) == (Delivery.Status.PENDING, 1)
    assert "mailserver onbereikbaar" in delivery.last_error
