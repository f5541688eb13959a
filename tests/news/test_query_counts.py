"""Query counts stay flat as content grows: cold and warm, with one item and with many."""

import datetime

import pytest

from tests.factories import ArticlePageFactory, ImageFactory
from tests.queries import Counts, query_counts, within

# Cold: the first request after a publish (before: home 10, index 11, tag 12, article 14).
ARTICLE_BUDGET = Counts(cold=8, warm=1)
LISTING_BUDGET = {
    "/": Counts(cold=8, warm=3),
    "/nieuws/": Counts(cold=8, warm=2),
    "/nieuws/tag/gedeeld/": Counts(cold=8, warm=2),
}


def build(index, n, image):
    """An article with n tags and n related articles, each sharing some of its tags, all with `image`."""
    tags = [f"onderwerp {i}" for i in range(n)]
    others = [
        ArticlePageFactory(parent=index, title=f"Ander {i}", tags=tags[: i + 1], image=image, image_alt="x")
        for i in range(max(n, 3))
    ]
    return ArticlePageFactory(
        parent=index,
        title="Hoofdartikel",
        date=datetime.date(2020, 1, 1),
        tags=tags,
        related=others[:n],
        image=image,
        image_alt="Een foto",
    )


def test_an_article_costs_the_same_with_1_and_with_15_tags_and_related_articles(client, news_index):
    image = ImageFactory()
    small = query_counts(client, build(news_index, 1, image).url)
    news_index.get_children().delete()
    large = query_counts(client, build(news_index, 15, image).url)

    assert small == large
    assert within(large, ARTICLE_BUDGET), large


@pytest.mark.parametrize("url", list(LISTING_BUDGET))
def test_a_listing_costs_the_same_with_1_and_with_13_cards(client, news_index, url):
    image = ImageFactory()
    ArticlePageFactory(parent=news_index, tags=["gedeeld", "een"], image=image, image_alt="x")
    small = query_counts(client, url)
    for i in range(12):
        ArticlePageFactory(
            parent=news_index, tags=["gedeeld", f"tag {i}", f"ander {i}"], image=image, image_alt="x"
        )
    large = query_counts(client, url)

    assert small == large
    assert within(large, LISTING_BUDGET[url]), large
