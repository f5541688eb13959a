"""RSS and Atom feeds of the news index and of each tag."""

import datetime

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory, ImageFactory
from tests.queries import Counts, query_counts, within

FEEDS = ["/nieuws/feed/", "/nieuws/atom/", "/nieuws/tag/zorg/feed/", "/nieuws/tag/zorg/atom/"]


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed, response


@pytest.fixture
def hidden_articles(news_index):
    """Articles that exist but must never be in a feed: draft, private and expired, all tagged 'zorg'."""
    ArticlePageFactory(parent=news_index, title="Concept", live=False, tags=["zorg"])
    private = ArticlePageFactory(parent=news_index, title="Besloten", tags=["zorg"])
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="geheim")
    ArticlePageFactory(
        parent=news_index,
        title="Verlopen",
        tags=["zorg"],
        expire_at=timezone.now() - datetime.timedelta(hours=1),
    )


@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_parses_and_holds_only_visible_articles(client, news_index, hidden_articles, url):
    ArticlePageFactory(parent=news_index, title="Openbaar", tags=["zorg"])

    feed, _ = parse(client, url)

    assert [entry.title for entry in feed.entries] == ["Openbaar"]


def test_rss_items_carry_what_a_feed_reader_needs(client, news_index):
    article = ArticlePageFactory(
        parent=news_index,
        title="Jeugd & zorg <samen>",
        slug="jeugd-en-zorg",
        date=datetime.date(2024, 3, 14),
        intro="Gemeenten & zorgaanbieders <b>werken</b> samen. Inwoners merken het. Een derde zin.",
        tags=["jeugd", "zorg"],
    )

    feed, response = parse(client, "/nieuws/feed/")

    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.version == "rss20"
    assert feed.feed.link == "http://localhost/nieuws/"
    (entry,) = feed.entries
    assert entry.title == "Jeugd & zorg <samen>"
    assert entry.link == "http://localhost/nieuws/jeugd-en-zorg/"
    assert (
        entry.summary
        == "Gemeenten &amp; zorgaanbieders &lt;b&gt;werken&lt;/b&gt; samen. Inwoners merken het."
    )
    assert entry.published == "Thu, 14 Mar 2024 00:00:00 +0100"
    assert sorted(tag.term for tag in entry.tags) == ["jeugd", "zorg"]
    assert entry.id == f"urn:uuid:{article.translation_key}"
    assert entry.guidislink is False


@pytest.mark.parametrize("url", ["/nieuws/feed/", "/nieuws/tag/gedeeld/atom/"])
def test_each_item_carries_its_own_tags_only(client, news_index, url):
    ArticlePageFactory(parent=news_index, title="Een", date=datetime.date(2024, 3, 1), tags=["gedeeld", "b"])
    ArticlePageFactory(parent=news_index, title="Twee", date=datetime.date(2024, 3, 2), tags=["gedeeld", "a"])
    ArticlePageFactory(parent=news_index, title="Drie", date=datetime.date(2024, 3, 3), tags=["gedeeld"])

    feed, _ = parse(client, url)

    assert [(entry.title, sorted(tag.term for tag in entry.tags)) for entry in feed.entries] == [
        ("Drie", ["gedeeld"]),
        ("Twee", ["a", "gedeeld"]),
        ("Een", ["b", "gedeeld"]),
    ]


def test_an_article_published_on_its_date_carries_the_time_of_publication(client, news_index):
    article = ArticlePageFactory(parent=news_index, date=timezone.localdate(), live=False)
    article.save_revision().publish()
    article.refresh_from_db()

    entry = parse(client, "/nieuws/feed/")[0].entries[0]

    published = datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
    assert abs(published - article.first_published_at) < datetime.timedelta(seconds=1)


def test_the_guid_survives_a_slug_change(client, news_index):
    article = ArticlePageFactory(parent=news_index, title="Eerste titel")
    before = parse(client, "/nieuws/feed/")[0].entries[0].id

    article.slug = "nieuwe-titel"
    article.save_revision().publish()
    entry = parse(client, "/nieuws/feed/")[0].entries[0]

    assert entry.link.endswith("/nieuws/nieuwe-titel/")
    assert entry.id == before


def test_the_feed_holds_the_latest_twenty_newest_first(client, news_index):
    for day in range(22):
        ArticlePageFactory(
            parent=news_index, title=f"Dag {day}", date=datetime.date(2024, 1, 1) + datetime.timedelta(day)
        )

    for url in ["/nieuws/feed/", "/nieuws/atom/"]:
        titles = [entry.title for entry in parse(client, url)[0].entries]
        assert titles == [f"Dag {day}" for day in range(21, 1, -1)]


def test_a_tag_feed_holds_only_that_tag_and_an_unknown_tag_is_a_404(client, news_index):
    ArticlePageFactory(parent=news_index, title="Over zorg", tags=["zorg"])
    ArticlePageFactory(parent=news_index, title="Over werk", tags=["werk"])

    feed, _ = parse(client, "/nieuws/tag/zorg/feed/")

    assert [entry.title for entry in feed.entries] == ["Over zorg"]
    assert feed.feed.link == "http://localhost/nieuws/tag/zorg/"
    assert "zorg" in feed.feed.title
    assert client.get("/nieuws/tag/bestaat-niet/feed/").status_code == 404
    assert client.get("/nieuws/tag/bestaat-niet/atom/").status_code == 404


def test_atom_entries_have_an_updated_date_and_author(client, news_index):
    ArticlePageFactory(parent=news_index, title="Atom-artikel", date=datetime.date(2024, 5, 1))

    feed, response = parse(client, "/nieuws/atom/")

    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.version == "atom10"
    entry = feed.entries[0]
    assert entry.updated_parsed is not None
    assert entry.author == "Nieuwsroom Sociaal Domein"


def alternates(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return {link["href"]: link["type"] for link in soup.select('head link[rel="alternate"]')}


def test_feeds_are_advertised_on_the_pages_they_belong_to(client, news_index):
    article = ArticlePageFactory(parent=news_index, tags=["zorg"])
    main = {
        "http://localhost/nieuws/feed/": "application/rss+xml",
        "http://localhost/nieuws/atom/": "application/atom+xml",
    }

    assert alternates(client, "/nieuws/") == main
    assert alternates(client, article.url) == main
    assert alternates(client, "/") == main
    assert alternates(client, "/nieuws/tag/zorg/") == {
        "http://localhost/nieuws/tag/zorg/feed/": "application/rss+xml",
        "http://localhost/nieuws/tag/zorg/atom/": "application/atom+xml",
        **main,
    }
    for href in [*main, "http://localhost/nieuws/tag/zorg/feed/"]:
        parse(client, href.removeprefix("http://localhost"))


@pytest.mark.parametrize(
    ("url", "budget"),
    # Cold: the listing's count (cached), with which the feed picks its articles as the listings do.
    [("/nieuws/feed/", Counts(cold=9, warm=3)), ("/nieuws/tag/gedeeld/atom/", Counts(cold=10, warm=4))],
)
def test_feed_queries_stay_flat(client, news_index, url, budget):
    image = ImageFactory()
    ArticlePageFactory(parent=news_index, tags=["gedeeld"], image=image, image_alt="x")
    small = query_counts(client, url)
    for i in range(14):
        ArticlePageFactory(parent=news_index, tags=["gedeeld", f"tag {i}"], image=image, image_alt="x")
    large = query_counts(client, url)

    assert small == large
    assert within(large, budget), large
