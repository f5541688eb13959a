"""What a visitor sees on an article page."""

import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory, ImageFactory


@pytest.fixture
def reference_article(news_index):
    image = ImageFactory()
    return ArticlePageFactory(
        parent=news_index,
        title="Tien jaar samenwerking",
        slug="tien-jaar-samenwerking",
        date=datetime.date(2018, 11, 20),
        intro="Tien jaar werkten vier gemeenten samen. Wat leverde het op? Een terugblik.",
        image=image,
        image_alt="Bestuurders aan een lange tafel",
        body=[
            ("paragraph", "<p>Het begon met een <b>handdruk</b>.</p>"),
            (
                "section",
                {
                    "heading": "Glanzen en schuren",
                    "content": [
                        ("paragraph", "<p>Waar het glansde, kenden mensen elkaar.</p>"),
                        (
                            "quote",
                            {
                                "text": "We leerden elkaars taal.",
                                "name": "Anna Smit",
                                "role": "oud-directeur",
                            },
                        ),
                        ("quote", {"text": "Verbinden is werk.", "name": "Rob Kok", "role": "verbinder"}),
                        (
                            "image",
                            {"image": image, "alt_text": "Een brug", "decorative": False, "caption": "Foto"},
                        ),
                    ],
                },
            ),
        ],
        tags=["samenwerking", "VNG", "mens centraal"],
    )


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser"), response


def test_article_renders_semantic_dutch_html(client, reference_article):
    soup, _ = soup_of(client, reference_article.url)

    assert soup.html["lang"] == "nl"
    assert soup.select_one("main h1").get_text() == "Tien jaar samenwerking"
    time = soup.select_one("article time")
    assert time["datetime"] == "2018-11-20"
    assert time.get_text() == "20 november 2018"
    assert "Wat leverde het op?" in soup.select_one(".lead").get_text()
    section = soup.select_one("article section")
    assert section.h2.get_text() == "Glanzen en schuren"
    figures = section.select("figure.quote")
    assert len(figures) == 2
    assert figures[0].blockquote.get_text(strip=True) == "We leerden elkaars taal."
    assert "Anna Smit" in figures[0].figcaption.get_text()
    assert "oud-directeur" in figures[0].figcaption.get_text()
    assert section.select_one("figure.figure img")["alt"] == "Een brug"
    assert soup.select_one(".article__image img")["alt"] == "Bestuurders aan een lange tafel"
    assert soup.select_one('meta[name="description"]')["content"].startswith("Tien jaar werkten")


def test_article_tags_link_to_their_listing(client, reference_article):
    soup, _ = soup_of(client, reference_article.url)

    links = {a.get_text(): a["href"] for a in soup.select(".article__footer .tag-list a")}
    assert links == {
        "samenwerking": "/nieuws/tag/samenwerking/",
        "VNG": "/nieuws/tag/vng/",
        "mens centraal": "/nieuws/tag/mens-centraal/",
    }


def test_every_page_has_the_furniture(client, reference_article):
    soup, response = soup_of(client, reference_article.url)

    skip = soup.select_one("a.skip-link")
    assert skip["href"] == "#inhoud"
    assert soup.select_one("main#inhoud")
    assert soup.select_one("header nav[aria-label] a[href='/nieuws/']")
    crumbs = [li.get_text(strip=True) for li in soup.select("nav.breadcrumbs li")]
    assert crumbs == ["Home", "Nieuws", "Tien jaar samenwerking"]
    assert soup.select_one("footer")
    assert soup.select_one("#blijf-op-de-hoogte").get_text() == "Blijf op de hoogte"
    assert "Set-Cookie" not in response.headers
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_article_without_image_or_related_items(client, news_index):
    article = ArticlePageFactory(parent=news_index, title="Kort bericht")
    soup, _ = soup_of(client, article.url)

    assert soup.select_one(".article__image") is None
    assert soup.select_one("#gerelateerd-nieuws") is None


def test_draft_and_private_articles_are_not_served(client, news_index, django_user_model):
    draft = ArticlePageFactory(parent=news_index, title="Concept", live=False)
    private = ArticlePageFactory(parent=news_index, title="Besloten")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    assert client.get("/nieuws/concept/").status_code == 404
    response = client.get(private.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/_util/login/?next=/nieuws/besloten/")
    assert "Besloten" not in response.content.decode()

    # Not gone, only held back: published, the draft is there; signed in, the private article is.
    draft.save_revision().publish()
    assert soup_of(client, "/nieuws/concept/")[0].h1.get_text() == "Concept"
    client.force_login(django_user_model.objects.create_user("lezer"))
    assert soup_of(client, private.url)[0].h1.get_text() == "Besloten"


def test_unknown_article_gets_the_dutch_404(client, news_index):
    response = client.get("/nieuws/bestaat-niet/")

    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
