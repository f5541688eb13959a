"""Menu, footer, meta tags, an article's text and the signup block are rendered once per content version and
reused (sitewide/fragments.py), with the page cache off: what differs per page or per request stays right."""

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, Site

from contentblocks.video import PLAYER_ORIGINS
from home.models import HomePage
from newsletter import forms as newsletter_forms
from sitewide.models import SiteSettings
from tests.contentblocks.helpers import video_block
from tests.factories import ArticlePageFactory, StandardPageFactory


def soup_of(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def current_links(soup, selector):
    return [(a.get_text(strip=True), a["aria-current"]) for a in soup.select(f"{selector} a[aria-current]")]


@pytest.fixture
def pages(home, news_index):
    article = ArticlePageFactory(parent=news_index, title="Wijkteams", slug="wijkteams", tags=["zorg"])
    about = StandardPageFactory(parent=home, title="Over ons", slug="over-ons", show_in_menus=True)
    contact = StandardPageFactory(parent=home, title="Contact", slug="contact")
    settings = SiteSettings.for_site(home.get_site())
    settings.contact_page = contact
    settings.save()
    return {"article": article, "about": about, "contact": contact}


def test_the_current_page_is_marked_in_menu_and_footer_whichever_page_came_first(client, pages):
    expected = {
        "/nieuws/wijkteams/": ([("Nieuws", "true")], []),
        "/": ([("Home", "page")], []),
        "/over-ons/": ([("Over ons", "page")], []),
        "/nieuws/": ([("Nieuws", "page")], []),
        "/contact/": ([], [("Contact", "page")]),
    }
    for _ in range(2):  # the second round reuses what the first rendered
        for url, (menu, footer) in expected.items():
            soup = soup_of(client, url)
            assert current_links(soup, "nav.main-nav") == menu, url
            assert current_links(soup, "footer.site-footer") == footer, url


def test_the_search_box_holds_each_request_own_words(client, pages):
    for words in ["wijkteam", "jeugdzorg", ""]:
        soup = soup_of(client, f"/zoeken/?q={words}")
        assert soup.select_one("#zoeken-kop")["value"] == words
        assert soup_of(client, "/nieuws/wijkteams/").select_one("#zoeken-kop")["value"] == ""


def test_each_site_shows_its_own_name_menu_and_settings(client, pages, home):
    root = Page.get_first_root_node().add_child(instance=HomePage(title="Tweede site", slug="tweede"))
    StandardPageFactory(parent=root, title="Alleen daar", slug="alleen-daar", show_in_menus=True)
    second = Site.objects.create(hostname="127.0.0.1", port=80, root_page=root)
    second_settings = SiteSettings.for_site(second)
    second_settings.organisation_name = "Tweede organisatie"
    second_settings.newsletter_heading = "Ook daar op de hoogte"
    second_settings.save()

    for _ in range(2):
        first = soup_of(client, "/")
        other = soup_of(client, "/", HTTP_HOST="127.0.0.1")
        assert first.select_one(".site-header__name").get_text() == "Nieuwsroom Sociaal Domein"
        assert other.select_one(".site-header__name").get_text() == "Tweede organisatie"
        assert [a.get_text() for a in first.select("nav.main-nav a")] == ["Home", "Nieuws", "Over ons"]
        assert [a.get_text() for a in other.select("nav.main-nav a")] == ["Home", "Alleen daar"]
        assert first.select_one(".newsletter-cta h2").get_text() == "Blijf op de hoogte"
        assert other.select_one(".newsletter-cta h2").get_text() == "Ook daar op de hoogte"
        assert first.select_one("footer .site-footer__name").get_text() == "Nieuwsroom Sociaal Domein"
        assert other.select_one("footer .site-footer__name").get_text() == "Tweede organisatie"


def test_every_request_gets_a_fresh_stamp_in_the_signup_block(client, pages, monkeypatch):
    stamps = []
    for now in (1_800_000_000, 1_800_000_600):
        monkeypatch.setattr(newsletter_forms, "time", SimpleNamespace(time=lambda now=now: now))
        form = soup_of(client, "/nieuws/wijkteams/").select_one(".newsletter-cta form")
        stamps.append(form.select_one('input[name="stamp"]')["value"])
        assert [i["value"] for i in form.select('input[name="topics"]')] == ["zorg"]

    assert [stamp.split(":")[0] for stamp in stamps] == ["1800000000", "1800000600"]
    assert all(newsletter_forms.check_stamp(stamp, now=1_800_000_700) for stamp in stamps)


def test_a_page_with_a_video_lets_the_player_in_on_every_request(client, news_index):
    article = ArticlePageFactory(parent=news_index, body=[video_block()])

    for _ in range(3):
        response = client.get(article.url)
        frame_src = next(
            part for part in response["Content-Security-Policy"].split(";") if "frame-src" in part
        )
        assert PLAYER_ORIGINS["youtube"] in frame_src
    assert "frame-src" not in client.get("/nieuws/")["Content-Security-Policy"]


def test_changes_show_on_the_next_request_and_previews_never_reuse_the_published_text(client, pages):
    article = pages["article"]
    host = {"HTTP_HOST": "localhost"}  # the host Wagtail's preview request has: the same fragments' keys
    assert soup_of(client, article.url, **host).select_one("h1").get_text() == "Wijkteams"

    article.title = "Ongepubliceerde titel"
    preview = BeautifulSoup(article.make_preview_request().content, "html.parser")
    assert preview.select_one("h1").get_text() == "Ongepubliceerde titel"
    assert soup_of(client, article.url, **host).select_one("h1").get_text() == "Wijkteams"

    article.title = "Nieuwe titel"
    article.save_revision().publish()
    pages["about"].title = "Over de samenwerking"
    pages["about"].save_revision().publish()
    settings = SiteSettings.for_site(article.get_site())
    settings.newsletter_heading = "Nieuwe kop"
    settings.save()

    soup = soup_of(client, article.url)
    assert soup.select_one("h1").get_text() == "Nieuwe titel"
    assert soup.select_one('meta[property="og:title"]')["content"] == "Nieuwe titel"
    assert "Over de samenwerking" in [a.get_text() for a in soup.select("nav.main-nav a")]
    assert soup.select_one(".newsletter-cta h2").get_text() == "Nieuwe kop"
