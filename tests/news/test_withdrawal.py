"""Withdrawal: the article stays at its address with a notice, and leaves every other public output.
Unpublished or deleted articles answer 410 Gone; an address that never held an article stays 404."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from news.models import ArticlePage
from tests.factories import ArticlePageFactory, make_subscriber
from tests.publishing.forms import article_form_data

REASON = "Het bericht noemde de verkeerde gemeenten."


def withdraw(article, reason=REASON):
    article.withdrawn, article.withdrawal_reason = True, reason
    article.save_revision().publish()
    article.refresh_from_db()
    return article


@pytest.fixture
def pair(news_index):
    other = ArticlePageFactory(
        parent=news_index,
        title="Ander bericht",
        slug="ander",
        tags=["gedeeld"],
        date=datetime.date(2026, 11, 1),
    )
    article = ArticlePageFactory(
        parent=news_index,
        title="Proef met wachtlijst",
        slug="proef",
        tags=["gedeeld"],
        intro="Over de zwaluwstaart-proef. Meer volgt.",
        date=datetime.date(2026, 11, 2),
    )
    other.related_links.create(related_page=article)
    other.save_revision().publish()
    return article, other


OUTPUTS = [
    "/",
    "/nieuws/",
    "/nieuws/tag/gedeeld/",
    "/nieuws/ander/",
    "/nieuws/feed/",
    "/nieuws/atom/",
    "/nieuws/tag/gedeeld/feed/",
    "/nieuws/archief/2026/11/",
    "/zoeken/?q=zwaluwstaart",
    "/sitemap.xml",
    "/api/v2/articles/",
    "/api/v2/articles/?search=zwaluwstaart",
]


def mentions(body: str) -> bool:
    return "Proef met wachtlijst" in body or "/nieuws/proef/" in body


@pytest.mark.parametrize("page_cache", [False, True])
def test_a_withdrawn_article_leaves_every_listing_but_keeps_its_page(client, pair, settings, page_cache):
    settings.PAGE_CACHE = page_cache
    article, _ = pair
    for url in OUTPUTS:  # seen before: caches filled
        assert mentions(client.get(url).content.decode()), url

    withdraw(article)

    shown = {url: mentions(client.get(url).content.decode()) for url in OUTPUTS}
    assert shown == dict.fromkeys(OUTPUTS, False)
    assert client.get(f"/api/v2/articles/{article.pk}/").status_code == 404
    assert client.get("/api/v2/articles/find/?html_path=/nieuws/proef/").status_code == 404

    response = client.get("/nieuws/proef/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    notice = " ".join(soup.select_one(".notice--withdrawn").get_text(" ").split())
    today = timezone.localdate()
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
              "oktober", "november", "december"]  # fmt: skip
    assert f"Dit bericht is ingetrokken op {today.day} {months[today.month - 1]} {today.year}." in notice
    assert REASON in notice
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
    assert soup.select(".related") == []


def test_withdrawing_needs_a_reason(admin_client, pair):
    article, _ = pair
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
    data = article_form_data("publish", slug="proef", title="Proef met wachtlijst", withdrawn="on")

    response = admin_client.post(edit, data)

    assert "Geef de reden waarom het bericht wordt ingetrokken." in response.content.decode()
    assert not ArticlePage.objects.get(pk=article.pk).withdrawn


def test_the_editor_withdraws_an_article(admin_client, client, pair):
    article, _ = pair
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
    data = article_form_data(
        "publish", slug="proef", title="Proef met wachtlijst", withdrawn="on", withdrawal_reason=REASON
    )

    assert admin_client.post(edit, data).status_code == 302

    assert REASON in client.get("/nieuws/proef/").content.decode()
    assert "Proef met wachtlijst" not in client.get("/nieuws/").content.decode()


def test_a_withdrawal_mails_nobody(news_index, django_capture_on_commit_callbacks):
    make_subscriber("lezer@example.nl")
    article = ArticlePageFactory(parent=news_index, live=False, date=timezone.localdate(), title="Eerst")
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(article)
    first_time_withdrawn = ArticlePageFactory(
        parent=news_index, live=False, date=timezone.localdate(), title="Meteen ingetrokken"
    )
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(first_time_withdrawn)

    assert len(mail.outbox) == 1


def test_unpublished_and_deleted_articles_are_gone_and_unknown_addresses_not_found(client, news_index):
    unpublished = ArticlePageFactory(parent=news_index, slug="teruggetrokken")
    deleted = ArticlePageFactory(parent=news_index, slug="verwijderd")
    never_live = ArticlePageFactory(parent=news_index, slug="nooit-live", live=False)

    unpublished.unpublish()
    deleted.delete()

    for url in ["/nieuws/teruggetrokken/", "/nieuws/verwijderd/"]:
        response = client.get(url)
        assert response.status_code == 410, url
        assert "Dit bericht is er niet meer" in response.content.decode()
    assert client.get("/nieuws/nooit-live/").status_code == 404
    assert client.get("/nieuws/bestaat-niet/").status_code == 404
    assert never_live.pk


def test_an_article_published_again_is_no_longer_gone(client, news_index):
    article = ArticlePageFactory(parent=news_index, slug="terug")
    article.unpublish()
    assert client.get("/nieuws/terug/").status_code == 410

    ArticlePage.objects.get(pk=article.pk).save_revision().publish()

    assert client.get("/nieuws/terug/").status_code == 200
    article.delete()
    assert client.get("/nieuws/terug/").status_code == 410


def test_the_api_never_lists_a_withdrawn_article(client, pair):
    article, _ = pair
    withdraw(article)
    items = json.loads(client.get("/api/v2/articles/?tag=gedeeld").content)["items"]
    assert [item["title"] for item in items] == ["Ander bericht"]
