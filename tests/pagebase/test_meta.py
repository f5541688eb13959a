"""Title, description, canonical URL, OpenGraph/Twitter tags and JSON-LD on every page type."""

import datetime
import json

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from news.updates import ArticleUpdate
from tests.factories import ArticlePageFactory, ImageFactory, StandardPageFactory


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").head


def meta(head, key):
    tag = head.select_one(f'meta[property="{key}"]') or head.select_one(f'meta[name="{key}"]')
    return tag["content"] if tag else None


@pytest.fixture
def pages(home, news_index):
    home.intro = "<p>Nieuws over <b>samenwerking</b> &amp; zorg.</p>"
    home.save_revision().publish()
    news_index.intro = "Alle berichten, het nieuwste eerst."
    news_index.save_revision().publish()
    article = ArticlePageFactory(
        parent=news_index,
        title="Wijkteams werken samen",
        slug="wijkteams",
        intro="Vier wijkteams delen hun kennis. Inwoners merken het direct. Een derde zin.",
        tags=["zorg"],
        image=ImageFactory(),
        image_alt="Twee medewerkers aan tafel",
    )
    standard = StandardPageFactory(parent=home, title="Contact", slug="contact", intro="Zo bereikt u ons.")
    return {"home": home, "index": news_index, "article": article, "standard": standard}


@pytest.mark.parametrize(
    ("url", "title", "description", "og_type"),
    [
        ("/", "Nieuwsroom", "Nieuws over samenwerking & zorg.", "website"),
        ("/nieuws/", "Nieuws", "Alle berichten, het nieuwste eerst.", "website"),
        ("/nieuws/tag/zorg/", "Nieuws over zorg", "Alle artikelen over zorg, het nieuwste eerst.", "website"),
        (
            "/nieuws/wijkteams/",
            "Wijkteams werken samen",
            "Vier wijkteams delen hun kennis. Inwoners merken het direct.",
            "article",
        ),
        ("/contact/", "Contact", "Zo bereikt u ons.", "website"),
    ],
)
def test_every_page_type_has_title_description_canonical_and_share_tags(
    client, pages, url, title, description, og_type
):
    pages["home"].title = "Nieuwsroom"
    pages["home"].save_revision().publish()
    head = head_of(client, url)

    canonical = f"http://localhost{url}"
    assert head.select_one('link[rel="canonical"]')["href"] == canonical
    assert head.title.get_text().startswith(title)
    assert head.title.get_text().endswith(" | Nieuwsroom Sociaal Domein")
    assert meta(head, "description") == description
    assert meta(head, "og:title") == title
    assert meta(head, "og:description") == description
    assert meta(head, "og:url") == canonical
    assert meta(head, "og:type") == og_type
    assert meta(head, "og:site_name") == "Nieuwsroom Sociaal Domein"
    assert meta(head, "og:locale") == "nl_NL"
    assert meta(head, "twitter:title") == title
    assert meta(head, "twitter:card") in {"summary", "summary_large_image"}


def test_an_article_with_an_image_shares_an_absolute_rendition(client, pages):
    head = head_of(client, "/nieuws/wijkteams/")

    image = meta(head, "og:image")
    assert image.startswith("http://localhost/media/") and ".fill-1200x630" in image
    assert (meta(head, "og:image:width"), meta(head, "og:image:height")) == ("1200", "630")
    assert meta(head, "og:image:alt") == "Twee medewerkers aan tafel"
    assert meta(head, "twitter:card") == "summary_large_image"
    assert meta(head, "twitter:image") == image
    assert meta(head, "article:tag") == "zorg"


def test_a_page_without_an_image_gets_a_summary_card(client, pages):
    head = head_of(client, "/contact/")

    assert meta(head, "og:image") is None
    assert meta(head, "twitter:card") == "summary"


def test_editors_override_title_and_description_in_the_promote_tab(client, pages):
    article = pages["article"]
    article.seo_title = "Samen sterker in de wijk"
    article.search_description = "Hoe vier wijkteams elkaar vonden."
    article.save_revision().publish()

    head = head_of(client, "/nieuws/wijkteams/")

    assert head.title.get_text() == "Samen sterker in de wijk | Nieuwsroom Sociaal Domein"
    assert meta(head, "og:title") == "Samen sterker in de wijk"
    assert meta(head, "description") == "Hoe vier wijkteams elkaar vonden."
    assert meta(head, "og:description") == "Hoe vier wijkteams elkaar vonden."
    data = json.loads(head.select_one('script[type="application/ld+json"]').string)
    assert data["headline"] == "Samen sterker in de wijk"


def test_a_paginated_listing_points_its_canonical_at_its_own_page(client, news_index):
    for _ in range(13):
        ArticlePageFactory(parent=news_index)

    head = head_of(client, "/nieuws/?page=2&utm_source=nieuwsbrief")

    assert head.select_one('link[rel="canonical"]')["href"] == "http://localhost/nieuws/?page=2"


def test_article_json_ld_is_a_news_article(client, pages):
    article = pages["article"]
    article.date = datetime.date(2024, 3, 14)
    article.save_revision().publish()
    article.refresh_from_db()

    scripts = head_of(client, "/nieuws/wijkteams/").select('script[type="application/ld+json"]')

    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Wijkteams werken samen"
    assert data["datePublished"] == "2024-03-14T00:00:00+01:00"
    assert data["dateModified"] == data["datePublished"]  # no significant update (news/updates.py)
    assert data["image"] == [
        meta(head_of(client, "/nieuws/wijkteams/"), "og:image"),
    ]
    organisation = {"@type": "Organization", "name": "Nieuwsroom Sociaal Domein", "url": "http://localhost/"}
    assert data["author"] == organisation
    assert data["publisher"] == organisation
    assert data["mainEntityOfPage"]["@id"] == "http://localhost/nieuws/wijkteams/"


def test_json_ld_cannot_break_out_of_its_script_element(client, news_index):
    ArticlePageFactory(
        parent=news_index,
        title='Titel </script><script>alert("x")</script> & meer',
        slug="gevaarlijke-titel",
    )

    response = client.get("/nieuws/gevaarlijke-titel/")
    head = BeautifulSoup(response.content, "html.parser").head

    assert b'<script>alert("x")' not in response.content
    data = json.loads(head.select_one('script[type="application/ld+json"]').string)
    assert data["headline"] == 'Titel </script><script>alert("x")</script> & meer'


def test_only_articles_have_json_ld(client, pages):
    for url in ["/", "/nieuws/", "/nieuws/tag/zorg/", "/contact/", "/zoeken/?q=zorg"]:
        assert head_of(client, url).select('script[type="application/ld+json"]') == []


def test_the_dates_on_an_article_follow_the_publication_and_significant_updates(client, news_index):
    article = ArticlePageFactory(parent=news_index, slug="vandaag", date=timezone.localdate(), live=False)
    article.save_revision().publish()
    article.refresh_from_db()
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        article.title = "Bijgewerkt"  # a minor edit: no note
        article.save_revision().publish()
    article.refresh_from_db()

    head = head_of(client, "/nieuws/vandaag/")
    published = datetime.datetime.fromisoformat(meta(head, "article:published_time"))
    assert abs(published - article.first_published_at) < datetime.timedelta(seconds=1)
    assert meta(head, "article:modified_time") is None

    noted = timezone.now() + datetime.timedelta(hours=3)
    article.updates.add(ArticleUpdate(date=noted, note="Het bedrag is gecorrigeerd."))
    article.save_revision().publish()

    head = head_of(client, "/nieuws/vandaag/")
    assert datetime.datetime.fromisoformat(meta(head, "article:modified_time")) == noted


def test_the_promote_tab_explains_the_overrides_in_dutch(admin_client, pages):
    response = admin_client.get(f"/admin/pages/{pages['article'].pk}/edit/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Voor zoekmachines en sociale media" in content
    assert "Leeg laten gebruikt de inleiding" in content
    assert "als die anders moet zijn dan de paginatitel" in content
