"""sitemap.xml lists exactly the live, public, unexpired pages; robots.txt points to it."""

import datetime

from defusedxml import ElementTree
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory, StandardPageFactory

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    return {url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS) for url in root}


def test_sitemap_lists_exactly_the_live_public_pages_with_lastmod(client, home, news_index):
    article = ArticlePageFactory(parent=news_index, slug="openbaar")
    about = StandardPageFactory(parent=home, title="Over ons", slug="over-ons")
    team = StandardPageFactory(parent=about, title="Team", slug="team")
    ArticlePageFactory(parent=news_index, slug="concept", live=False)
    ArticlePageFactory(
        parent=news_index, slug="verlopen", expire_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    later = ArticlePageFactory(
        parent=news_index, slug="later-verlopen", expire_at=timezone.now() + datetime.timedelta(days=5)
    )
    private = ArticlePageFactory(parent=news_index, slug="besloten")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="geheim")
    members = StandardPageFactory(parent=home, title="Leden", slug="leden")
    StandardPageFactory(parent=members, title="Verslagen", slug="verslagen")
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    for page in [home, news_index, article, about, team, later]:
        page.save_revision().publish()

    urls = sitemap(client)

    assert set(urls) == {
        "http://localhost/",
        "http://localhost/nieuws/",
        "http://localhost/nieuws/openbaar/",
        "http://localhost/nieuws/later-verlopen/",
        "http://localhost/over-ons/",
        "http://localhost/over-ons/team/",
    }
    # An article's lastmod is its publication or newest significant update, not its last save
    # (news/updates.py); other pages keep their last publication.
    assert urls["http://localhost/nieuws/openbaar/"] == article.date.isoformat()
    assert urls["http://localhost/over-ons/"] == timezone.localdate().isoformat()
    assert all(urls.values())


def test_robots_txt_points_to_the_sitemap(client, home):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert client.post("/robots.txt").status_code == 405
