"""The news archive: years and months with counts, month pages of cards, 404 for anything else."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.factories import ArticlePageFactory
from tests.queries import query_counts


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def text(element) -> str:
    return " ".join(element.get_text().split())


@pytest.fixture
def articles(news_index):
    for day in (3, 9):
        ArticlePageFactory(parent=news_index, date=datetime.date(2025, 3, day), title=f"Maart {day}")
    ArticlePageFactory(parent=news_index, date=datetime.date(2025, 12, 1), title="December")
    ArticlePageFactory(parent=news_index, date=datetime.date(2024, 5, 20), title="Mei")
    # Never counted or listed: a draft, a withdrawn and an expired article.
    ArticlePageFactory(parent=news_index, date=datetime.date(2025, 3, 4), title="Concept", live=False)
    ArticlePageFactory(
        parent=news_index, date=datetime.date(2025, 3, 5), title="Ingetrokken", withdrawn=True,
        withdrawal_reason="Fout.",
    )  # fmt: skip
    ArticlePageFactory(
        parent=news_index,
        date=datetime.date(2023, 1, 5),
        title="Verlopen",
        expire_at=timezone.now() - datetime.timedelta(hours=1),
    )


def test_the_archive_lists_years_and_months_with_counts_newest_first(client, articles):
    soup = soup_of(client, "/nieuws/archief/")

    assert text(soup.h1) == "Nieuwsarchief"
    nav = soup.select_one("main nav.archive")
    assert nav["aria-label"] == "Archief per jaar en maand"
    assert [text(h2) for h2 in nav.select("h2")] == ["2025 (3 artikelen)", "2024 (1 artikel)"]
    months = [(text(li), li.a["href"]) for li in nav.select("li")]
    assert months == [
        ("december 2025 (1 artikel)", "/nieuws/archief/2025/12/"),
        ("maart 2025 (2 artikelen)", "/nieuws/archief/2025/03/"),
        ("mei 2024 (1 artikel)", "/nieuws/archief/2024/05/"),
    ]


def test_the_news_index_links_to_the_archive(client, articles):
    soup = soup_of(client, "/nieuws/")
    assert soup.select_one('main a[href="/nieuws/archief/"]') is not None


def test_a_month_lists_its_visible_articles_and_a_year_its_months(client, articles):
    month = soup_of(client, "/nieuws/archief/2025/03/")
    assert text(month.h1) == "Nieuws uit maart 2025"
    assert [text(h) for h in month.select(".card__title")] == ["Maart 9", "Maart 3"]
    assert month.select_one('nav.archive-links a[href="/nieuws/archief/2025/"]') is not None

    year = soup_of(client, "/nieuws/archief/2025/")
    assert text(year.h1) == "Nieuwsarchief 2025"
    assert [a["href"] for a in year.select("nav.archive li a")] == [
        "/nieuws/archief/2025/12/",
        "/nieuws/archief/2025/03/",
    ]


def test_a_new_article_is_counted_on_the_next_request(client, news_index, articles):
    assert "(1 artikel)" in text(soup_of(client, "/nieuws/archief/2024/"))
    ArticlePageFactory(parent=news_index, date=datetime.date(2024, 5, 21), title="Mei later")
    assert "(2 artikelen)" in text(soup_of(client, "/nieuws/archief/2024/"))


@pytest.mark.parametrize(
    "url",
    [
        "/nieuws/archief/2019/13/",
        "/nieuws/archief/abcd/",
        "/nieuws/archief/2025/00/",
        "/nieuws/archief/2025/3/",
        "/nieuws/archief/02025/",
        "/nieuws/archief/2025/03/extra/",
        "/nieuws/archief/2019/",  # no articles that year
        "/nieuws/archief/2025/04/",  # no articles that month
        "/nieuws/archief/2023/01/",  # only an expired article
        "/nieuws/archief/2025/03/?page=2",
        "/nieuws/archief/2025/03/?page=x",
    ],
)
def test_anything_else_is_not_found(client, articles, url):
    assert client.get(url).status_code == 404


def test_a_busy_month_is_paginated(client, news_index):
    for day in range(1, 15):
        ArticlePageFactory(parent=news_index, date=datetime.date(2025, 6, day), title=f"Juni {day}")

    first = soup_of(client, "/nieuws/archief/2025/06/")
    second = soup_of(client, "/nieuws/archief/2025/06/?page=2")

    assert len(first.select(".card")) == 12
    assert [text(h) for h in second.select(".card__title")] == ["Juni 2", "Juni 1"]
    assert "14 artikelen, pagina 2 van 2" in text(second.select_one(".listing-status"))
    assert second.select_one('nav.pagination a[rel="prev"]')["href"] == "?page=1"


def test_a_month_page_costs_the_same_with_1_and_with_13_cards(client, news_index):
    ArticlePageFactory(parent=news_index, date=datetime.date(2025, 6, 1), tags=["a"])
    small = query_counts(client, "/nieuws/archief/2025/06/")
    for day in range(2, 14):
        ArticlePageFactory(parent=news_index, date=datetime.date(2025, 6, day), tags=["a", f"t{day}"])
    large = query_counts(client, "/nieuws/archief/2025/06/")

    assert small == large
    assert small.warm <= 3, small
