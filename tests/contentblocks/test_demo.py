"""The demo site shows every content block at least once, and its documents can be downloaded."""

from io import StringIO

from bs4 import BeautifulSoup
from django.core.management import call_command

from news.models import ArticlePage


def test_the_demo_shows_each_content_block(db, client):
    call_command("load_demo", stdout=StringIO())
    pages = [BeautifulSoup(client.get(a.url).content, "html.parser") for a in ArticlePage.objects.live()]

    def found(selector):
        return [element for soup in pages for element in soup.select(selector)]

    assert {
        link.get_text(" ", strip=True).split(" (")[-1].replace("\xa0", " ")
        for link in found(".documents__link")
    } == {
        "PDF, 691 bytes)",
        "CSV, 118 bytes)",
    }
    assert len(found(".documents__request")) == 2
    assert all(client.get(link["href"]).status_code == 200 for link in found(".documents__link"))
    assert [video["data-embed"] for video in found("[data-video]")] == [
        "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"
    ]
    assert len(found(".table-scroll[role=region] caption")) == 1
    assert [span["lang"] for span in found(".rich-text span[lang]")] == ["en"]
    assert [quote["lang"] for quote in found("blockquote[lang]")] == ["en"]
