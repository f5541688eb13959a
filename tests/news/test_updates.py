"""Significant updates: a public note makes "Bijgewerkt op" and moves dateModified, feeds and the sitemap;
minor edits change none of it."""

import datetime
import json
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset

from news.updates import ArticleUpdate
from tests.factories import ArticlePageFactory
from tests.publishing.forms import article_form_data

PUBLISHED = datetime.date(2026, 11, 2)


@pytest.fixture
def article(news_index):
    return ArticlePageFactory(parent=news_index, slug="bericht", title="Bericht", date=PUBLISHED)


def dates(client):
    """What visitors and machines read about the article's dates."""
    soup = BeautifulSoup(client.get("/nieuws/bericht/").content, "html.parser")
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    feed = client.get("/nieuws/atom/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    lastmod = re.search(r"<loc>[^<]*/nieuws/bericht/</loc><lastmod>([^<]+)</lastmod>", sitemap)
    notes = soup.select(".article__updates li")
    return {
        "meta": " ".join(soup.select_one(".article__meta").get_text(" ").split()),
        "notes": [" ".join(li.get_text().split()) for li in notes],
        "dateModified": data["dateModified"][:10],
        "datePublished": data["datePublished"][:10],
        "feed_updated": re.search(r"<entry>.*?<updated>([^<]+)</updated>", feed, re.S).group(1)[:10],
        "sitemap": lastmod.group(1)[:10],
    }


def test_an_editors_note_shows_the_update_everywhere(admin_client, client, article):
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
    note = {"date": "2026-11-20 10:00", "note": "Het bedrag is gecorrigeerd."}
    data = article_form_data(
        "publish", slug="bericht", title="Bericht", date="2026-11-02", updates=inline_formset([note])
    )
    assert admin_client.post(edit, data).status_code == 302

    assert dates(client) == {
        "meta": "Gepubliceerd op 2 november 2026 · Bijgewerkt op 20 november 2026",
        "notes": ["20 november 2026: Het bedrag is gecorrigeerd."],
        "dateModified": "2026-11-20",
        "datePublished": "2026-11-02",
        "feed_updated": "2026-11-20",
        "sitemap": "2026-11-20",
    }


def test_minor_edits_change_none_of_the_dates(client, article):
    before = dates(client)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        article.title = "Bericht"
        article.intro = "Een betere zin. En nog een."
        article.save_revision().publish()
        after = dates(client)

    assert after == before
    assert before["meta"] == "Gepubliceerd op 2 november 2026"
    assert before["notes"] == []
    assert before["dateModified"] == before["datePublished"] == "2026-11-02"


def test_notes_are_listed_oldest_first_and_the_newest_is_the_update_date(client, article):
    when = timezone.make_aware(datetime.datetime(2026, 11, 10, 9))
    article.updates.add(ArticleUpdate(date=when + datetime.timedelta(days=5), note="Tweede correctie."))
    article.updates.add(ArticleUpdate(date=when, note="Eerste correctie."))
    article.save_revision().publish()

    found = dates(client)

    assert found["notes"] == ["10 november 2026: Eerste correctie.", "15 november 2026: Tweede correctie."]
    assert found["dateModified"] == found["sitemap"] == "2026-11-15"


def test_a_draft_note_shows_nothing_until_it_is_published(client, article):
    article.updates.add(ArticleUpdate(note="Nog niet gepubliceerd."))
    article.save_revision()

    assert "Nog niet gepubliceerd" not in client.get("/nieuws/bericht/").content.decode()
    assert dates(client)["dateModified"] == "2026-11-02"
