import datetime

from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.factories import ArticlePageFactory


def test_home_shows_featured_then_latest_and_the_signup_block(client, home, news_index):
    old = ArticlePageFactory(parent=news_index, title="Uitgelicht verhaal", date=datetime.date(2020, 1, 1))
    for n in range(8):
        ArticlePageFactory(parent=news_index, title=f"Recent {n}", date=datetime.date(2024, 1, n + 1))
    home.intro = "<p>Nieuws uit de samenwerking.</p>"
    home.featured_article = old
    home.save_revision().publish()

    soup = BeautifulSoup(client.get("/").content, "html.parser")

    assert soup.select_one(".featured .card__title").get_text(strip=True) == "Uitgelicht verhaal"
    latest = [h.get_text(strip=True) for h in soup.select(".latest .card__title")]
    assert latest == [f"Recent {n}" for n in range(7, 1, -1)]
    assert soup.select_one(".latest .more-link a")["href"] == "/nieuws/"
    assert soup.select_one("#blijf-op-de-hoogte")
    assert "Nieuws uit de samenwerking." in soup.select_one(".home-intro").get_text()


def test_unpublished_featured_article_is_not_shown(client, home, news_index):
    featured = ArticlePageFactory(parent=news_index, title="Geheim concept")
    home.featured_article = featured
    home.save_revision().publish()
    featured.unpublish()

    body = client.get("/").content.decode()

    assert "Geheim concept" not in body
    assert "Er is nog geen nieuws gepubliceerd." in body


def test_server_error_page_is_dutch_and_needs_no_database():
    # No `db` fixture: any database access here would fail the test.
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
    assert '<html lang="nl">' in response.content.decode()


def test_a_published_home_page_shows_its_change_on_the_next_request(client, home, news_index):
    first = ArticlePageFactory(parent=news_index, title="Eerste keus", date=datetime.date(2020, 1, 1))
    second = ArticlePageFactory(parent=news_index, title="Tweede keus", date=datetime.date(2020, 1, 2))
    home.featured_article = first
    home.save_revision().publish()
    featured = BeautifulSoup(client.get("/").content, "html.parser").select_one(".featured .card__title")
    assert featured.get_text(strip=True) == "Eerste keus"

    home.refresh_from_db()
    home.featured_article = second
    home.intro = "<p>Een nieuwe introductie.</p>"
    home.save_revision().publish()

    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert soup.select_one(".featured .card__title").get_text(strip=True) == "Tweede keus"
    assert "Een nieuwe introductie." in soup.select_one(".home-intro").get_text()
