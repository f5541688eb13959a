"""Query counts stay flat as content grows: measured with one item and with many."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticlePageFactory, ImageFactory

ARTICLE_MAX = 12
LISTING_MAX = 10


def count_queries(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def build(index, n, image=None):
    tags = [f"onderwerp {i}" for i in range(n)]
    others = [
        ArticlePageFactory(parent=index, title=f"Ander {i}", tags=tags[: i + 1], image=image, image_alt="x")
        for i in range(max(n, 3))
    ]
    main = ArticlePageFactory(
        parent=index,
        title="Hoofdartikel",
        date=datetime.date(2020, 1, 1),
        tags=tags,
        related=others[:n],
        image=image,
        image_alt="Een foto",
    )
    return main


@pytest.mark.parametrize("size", [1, 15])
def test_article_page_queries_do_not_grow(client, news_index, size, django_assert_max_num_queries):
    main = build(news_index, size, ImageFactory())
    counts = count_queries(client, main.url)
    assert counts <= ARTICLE_MAX
    test_article_page_queries_do_not_grow.counts[size] = counts


test_article_page_queries_do_not_grow.counts = {}


def test_article_page_same_count_with_1_and_15_tags_and_related(client, news_index):
    small = count_queries(client, build(news_index, 1, ImageFactory()).url)
    news_index.get_children().delete()
    large = count_queries(client, build(news_index, 15, ImageFactory()).url)
    assert small == large <= ARTICLE_MAX


@pytest.mark.parametrize("url", ["/", "/nieuws/", "/nieuws/tag/gedeeld/"])
def test_listing_queries_same_with_1_and_13_cards(client, news_index, url):
    image = ImageFactory()
    ArticlePageFactory(parent=news_index, tags=["gedeeld", "een"], image=image, image_alt="x")
    small = count_queries(client, url)
    for i in range(12):
        ArticlePageFactory(
            parent=news_index, tags=["gedeeld", f"tag {i}", f"ander {i}"], image=image, image_alt="x"
        )
    large = count_queries(client, url)
    assert small == large <= LISTING_MAX
