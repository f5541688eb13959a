"""A tag page (HTML, RSS, Atom) exists only while a visible article has the tag: a tag used only by hidden
articles answers exactly as a tag nobody ever used, so it reveals no unpublished topic."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory
from tests.queries import query_counts

SUFFIXES = ["", "feed/", "atom/"]
NOW = datetime.datetime(2024, 6, 3, 9, 0, tzinfo=datetime.UTC)


def draft(index):
    return ArticlePageFactory(parent=index, title="Verborgen", tags=["geheimpje"], live=False)


def scheduled(index):
    article = draft(index)
    article.go_live_at = NOW + datetime.timedelta(days=1)
    article.save_revision().publish()  # approved, but offline until its go-live time
    return article


def private(index):
    article = ArticlePageFactory(parent=index, title="Verborgen", tags=["geheimpje"])
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="geheim")
    return article


def expired(index):
    article = ArticlePageFactory(parent=index, title="Verborgen", tags=["geheimpje"])
    article.expire_at = NOW - datetime.timedelta(minutes=1)  # the expiry job has not run yet
    article.save_revision().publish()
    return article


def unpublished(index, tag="geheimpje"):
    article = ArticlePageFactory(parent=index, title="Verborgen", tags=[tag])
    article.save_revision().publish()
    article.unpublish()
    return article


HIDDEN = {"draft": draft, "scheduled": scheduled, "private": private, "expired": expired}
HIDDEN["unpublished"] = unpublished


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def answers(client, slug):
    """(status, body) of the tag's page and feeds, with the slug taken out so two tags can be compared."""
    result = []
    for suffix in SUFFIXES:
        response = client.get(f"/nieuws/tag/{slug}/{suffix}")
        result.append((response.status_code, response.content.decode().replace(slug, "SLUG")))
    return result


@pytest.mark.parametrize("how", HIDDEN)
def test_a_tag_only_hidden_articles_use_answers_as_a_tag_nobody_uses(client, news_index, how):
    ArticlePageFactory(parent=news_index, title="Zichtbaar", tags=["openbaar"])
    hidden = HIDDEN[how](news_index)
    Tag.objects.create(name="ongebruikt", slug="ongebruikt")
    hidden.refresh_from_db()
    assert hidden.tags.filter(slug="geheimpje").exists()

    assert [status for status, _ in answers(client, "openbaar")] == [200, 200, 200]
    hidden_tag, unused_tag = answers(client, "geheimpje"), answers(client, "ongebruikt")
    assert [status for status, _ in hidden_tag] == [404, 404, 404]
    assert hidden_tag == unused_tag  # same status and body: nothing tells them apart
    assert hidden_tag == answers(client, "bestaat-niet")


@pytest.mark.parametrize("how", HIDDEN)
def test_an_index_with_only_hidden_articles_says_it_has_none_yet(client, news_index, how):
    HIDDEN[how](news_index)

    response = client.get("/nieuws/")

    assert response.status_code == 200
    body = response.content.decode()
    assert "Er zijn nog geen artikelen gepubliceerd." in body
    assert "Verborgen" not in body and "geheimpje" not in body


def test_a_tag_shared_with_a_visible_article_stays_and_lists_only_that_one(client, news_index):
    ArticlePageFactory(parent=news_index, title="Zichtbaar", tags=["gedeeld"])
    unpublished(news_index, tag="gedeeld")

    for status, body in answers(client, "gedeeld"):
        assert status == 200
        assert "Zichtbaar" in body and "Verborgen" not in body


def test_a_tag_page_goes_when_its_last_article_expires_before_the_job_runs(client, news_index, clock):
    article = ArticlePageFactory(parent=news_index, title="Tijdelijk", tags=["tijdelijk"])
    article.expire_at = NOW + datetime.timedelta(hours=1)
    article.save_revision().publish()
    assert [status for status, _ in answers(client, "tijdelijk")] == [200, 200, 200]

    clock.move_to(NOW + datetime.timedelta(hours=1, minutes=1))

    assert [status for status, _ in answers(client, "tijdelijk")] == [404, 404, 404]


def test_a_hidden_tag_costs_the_queries_an_unknown_tag_costs_and_a_tag_page_as_many_as_before(
    client, news_index
):
    ArticlePageFactory(parent=news_index, tags=["openbaar"])
    unpublished(news_index)

    hidden = [count_queries_of(client, f"/nieuws/tag/geheimpje/{suffix}") for suffix in SUFFIXES]
    unknown = [count_queries_of(client, f"/nieuws/tag/bestaat-niet/{suffix}") for suffix in SUFFIXES]
    assert hidden == unknown
    # The tag is found with its count in one query, kept under the content version: none when warm.
    assert [query_counts(client, f"/nieuws/tag/openbaar/{suffix}").warm for suffix in SUFFIXES] == [2, 3, 3]


def count_queries_of(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 404
    return len(ctx.captured_queries)
