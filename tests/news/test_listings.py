"""The news index, its pagination and the tag listings."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select("main .card__title")]


@pytest.fixture
def thirteen(news_index):
    return [
        ArticlePageFactory(parent=news_index, title=f"Bericht {n:02d}", date=datetime.date(2024, 1, n))
        for n in range(1, 14)
    ]


def test_index_lists_newest_first_twelve_per_page(client, news_index, thirteen):
    first = client.get("/nieuws/")
    second = client.get("/nieuws/?page=2")

    assert titles(first) == [f"Bericht {n:02d}" for n in range(13, 1, -1)]
    assert titles(second) == ["Bericht 01"]
    soup = BeautifulSoup(first.content, "html.parser")
    assert soup.select_one('nav.pagination a[rel="next"]')["href"] == "?page=2"


def test_cards_show_date_teaser_tags_and_read_more(client, news_index):
    ArticlePageFactory(
        parent=news_index,
        title="Schulden samen aanpakken",
        date=datetime.date(2025, 3, 14),
        intro="Eerste zin van de lead. Tweede zin. Derde zin die niet in de teaser hoort.",
        tags=["schulden"],
    )
    soup = BeautifulSoup(client.get("/nieuws/").content, "html.parser")
    card = soup.select_one("main .card")

    assert card.time["datetime"] == "2025-03-14"
    assert card.time.get_text() == "14 maart 2025"
    assert card.select_one(".card__teaser").get_text() == "Eerste zin van de lead. Tweede zin."
    assert card.select_one(".tag-list a")["href"] == "/nieuws/tag/schulden/"
    more = card.select_one(".card__more a")
    assert more.get_text(" ", strip=True).startswith("lees meer")
    assert more["href"] == "/nieuws/schulden-samen-aanpakken/"


@pytest.mark.parametrize("page", ["0", "-1", "3", "abc", "1e99", "", "1.5", "%00", "٣", "99999999999"])
def test_bad_or_out_of_range_page_is_404(client, thirteen, page):
    assert client.get(f"/nieuws/?page={page}").status_code == 404
    assert client.get(f"/nieuws/tag/onbekend/?page={page}").status_code == 404


def test_empty_index_says_so(client, news_index):
    response = client.get("/nieuws/")

    assert response.status_code == 200
    assert "Er zijn nog geen artikelen gepubliceerd." in response.content.decode()


def test_tag_listing_merges_messy_spellings(client, news_index):
    ArticlePageFactory(parent=news_index, title="Een", tags=["burger "])
    ArticlePageFactory(parent=news_index, title="Twee", tags=["Burger"])
    ArticlePageFactory(parent=news_index, title="Drie", tags=["mens  centraal"])
    ArticlePageFactory(parent=news_index, title="Vier", tags=["Mens centraal", "BURGER"])

    burger = client.get("/nieuws/tag/burger/")
    mens = client.get("/nieuws/tag/mens-centraal/")

    assert sorted(titles(burger)) == ["Een", "Twee", "Vier"]
    assert sorted(titles(mens)) == ["Drie", "Vier"]
    soup = BeautifulSoup(mens.content, "html.parser")
    assert soup.h1.get_text() == "Nieuws over mens centraal"
    assert "Nieuws over mens centraal" in soup.title.get_text()


def test_unknown_tag_is_404(client, news_index):
    assert client.get("/nieuws/tag/bestaat-niet/").status_code == 404


def test_drafts_private_and_expired_articles_are_never_listed(client, home, news_index):
    ArticlePageFactory(parent=news_index, title="Zichtbaar", tags=["zorg"])
    ArticlePageFactory(parent=news_index, title="Concept", tags=["zorg"], live=False)
    ArticlePageFactory(
        parent=news_index,
        title="Verlopen",
        tags=["zorg"],
        expire_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    private = ArticlePageFactory(parent=news_index, title="Besloten", tags=["zorg"])
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    for url in ["/", "/nieuws/", "/nieuws/tag/zorg/"]:
        body = client.get(url).content.decode()
        assert "Zichtbaar" in body
        for hidden in ["Concept", "Verlopen", "Besloten"]:
            assert hidden not in body, (url, hidden)


def test_page_links_centre_on_the_current_page(client, news_index):
    for n in range(12 * 9):
        ArticlePageFactory(
            parent=news_index,
            title=f"Bericht {n}",
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
        )
    soup = BeautifulSoup(client.get("/nieuws/?page=6").content, "html.parser")

    numbers = [item.get_text(" ", strip=True) for item in soup.select("nav.pagination li")]
    assert numbers == [
        "Vorige pagina",
        "Pagina 1",
        "…",
        "Pagina 4",
        "Pagina 5",
        "Pagina 6",
        "Pagina 7",
        "Pagina 8",
        "Pagina 9",
        "Volgende pagina",
    ]


def test_every_page_holds_the_next_articles_in_order_also_read_from_the_end(client, news_index):
    # 40 articles, three per date: the order (date, then newest first) must not depend on how a page is read.
    for n in range(40):
        ArticlePageFactory(
            parent=news_index,
            title=f"Stuk {n:02d}",
            date=datetime.date(2024, 1, 1) + datetime.timedelta(n // 3),
        )
    expected = [f"Stuk {n:02d}" for n in range(39, -1, -1)]

    pages = [titles(client.get(f"/nieuws/?page={number}")) for number in (1, 2, 3, 4)]

    assert pages == [expected[0:12], expected[12:24], expected[24:36], expected[36:40]]


def test_hidden_articles_between_pages_change_neither_the_pages_nor_their_number(client, home, news_index):
    # Drafts, expired and private articles spread over the dates a 25-article listing spans (3 pages).
    shown = []
    for n in range(25):
        day = datetime.date(2024, 1, 1) + datetime.timedelta(n)
        shown.append(ArticlePageFactory(parent=news_index, title=f"Stuk {n:02d}", date=day, tags=["zorg"]))
        if n % 4 == 0:
            ArticlePageFactory(parent=news_index, title=f"Concept {n}", date=day, live=False, tags=["zorg"])
        if n % 6 == 0:
            ArticlePageFactory(
                parent=news_index,
                title=f"Verlopen {n}",
                date=day,
                tags=["zorg"],
                expire_at=timezone.now() - datetime.timedelta(minutes=1),
            )
        if n % 7 == 0:
            private = ArticlePageFactory(parent=news_index, title=f"Besloten {n}", date=day, tags=["zorg"])
            PageViewRestriction.objects.create(
                page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
            )
    expected = [f"Stuk {n:02d}" for n in range(24, -1, -1)]

    # Three articles with a rarer tag: a tag listing that is read the usual way, not by walking the index.
    others = [f"Ander {n}" for n in range(3)]
    for title in others:
        ArticlePageFactory(parent=news_index, title=title, date=datetime.date(2024, 1, 10), tags=["werk"])

    for base in ["/nieuws/tag/zorg/", "/nieuws/"]:
        pages = [titles(client.get(f"{base}?page={number}")) for number in (1, 2, 3)]
        soup = BeautifulSoup(client.get(base).content, "html.parser")
        page_links = [a.get_text(" ", strip=True) for a in soup.select("nav.pagination li a")]
        listed = [title for page in pages for title in page]

        assert page_links[-2] == "Pagina 3", base
        assert client.get(f"{base}?page=4").status_code == 404, base
        assert [title for title in listed if title.startswith("Stuk")] == expected, base
        assert sorted(title for title in listed if title.startswith("Ander")) == (
            others if base == "/nieuws/" else []
        ), base
    assert pages[0] == expected[:12]
    assert titles(client.get("/nieuws/tag/werk/")) == others[::-1]
    home_titles = [
        h.get_text(strip=True)
        for h in BeautifulSoup(client.get("/").content, "html.parser").select("main .card__title")
    ]
    assert home_titles == expected[:6]
