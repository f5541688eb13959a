"""Main menu from "show in menus" pages, breadcrumbs on every page below the home page."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import ArticlePageFactory, StandardPageFactory


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def site(home, news_index):
    ArticlePageFactory(parent=news_index, title="Wijkteams", slug="wijkteams", tags=["zorg"])
    StandardPageFactory(parent=home, title="Over ons", slug="over-ons", show_in_menus=True)
    StandardPageFactory(parent=home, title="Contact", slug="contact", show_in_menus=False)


@pytest.mark.parametrize(
    ("url", "crumbs"),
    [
        ("/nieuws/", ["Home", "Nieuws"]),
        ("/nieuws/tag/zorg/", ["Home", "Nieuws", "Tag: zorg"]),
        ("/nieuws/wijkteams/", ["Home", "Nieuws", "Wijkteams"]),
        ("/over-ons/", ["Home", "Over ons"]),
        ("/contact/", ["Home", "Contact"]),
        ("/zoeken/?q=zorg", ["Home", "Zoeken"]),
    ],
)
def test_every_page_below_home_has_breadcrumbs(client, site, url, crumbs):
    nav = soup_of(client, url).select_one("nav.breadcrumbs")

    assert nav["aria-label"] == "Kruimelpad"
    assert [li.get_text(strip=True) for li in nav.select("li")] == crumbs
    assert nav.select("[aria-current=page]")[-1].get_text(strip=True) == crumbs[-1]


def test_the_home_page_has_no_breadcrumbs(client, site):
    assert soup_of(client, "/").select("nav.breadcrumbs") == []


def test_the_main_menu_lists_the_pages_shown_in_menus(client, site):
    menu = soup_of(client, "/over-ons/").select_one("nav.main-nav")

    assert [a.get_text() for a in menu.select("a")] == ["Home", "Nieuws", "Over ons"]
    assert menu.select_one('a[aria-current="page"]').get_text() == "Over ons"
