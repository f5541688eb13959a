"""Articles and the news index are found through a cache; every change shows on the next request."""

import datetime

import time_machine
from django.utils import timezone
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import PageViewRestriction

from news.models import ArticlePage, ArticleRelatedLink
from tests.factories import ArticlePageFactory


def publish(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()


def test_a_published_title_and_address_show_on_the_next_request(
    client, news_index, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(parent=news_index, title="Oude titel", slug="bericht")
    assert "Oude titel" in client.get("/nieuws/bericht/").content.decode()

    article.title = "Nieuwe titel"
    publish(article, django_capture_on_commit_callbacks)
    assert "Nieuwe titel" in client.get("/nieuws/bericht/").content.decode()

    article.slug = "nieuw-adres"
    publish(article, django_capture_on_commit_callbacks)
    moved = client.get("/nieuws/bericht/")  # Wagtail's automatic redirect, not the cached page
    assert (moved.status_code, moved["Location"]) == (301, "/nieuws/nieuw-adres/")
    assert client.get("/nieuws/nieuw-adres/").status_code == 200


def test_a_new_index_address_shows_on_the_next_request(
    client, news_index, django_capture_on_commit_callbacks
):
    ArticlePageFactory(parent=news_index, slug="bericht")
    assert client.get("/nieuws/bericht/").status_code == 200

    news_index.slug = "actueel"
    publish(news_index, django_capture_on_commit_callbacks)
    moved = client.get("/nieuws/bericht/")
    assert (moved.status_code, moved["Location"]) == (301, "/actueel/bericht/")
    assert client.get("/actueel/bericht/").status_code == 200


def test_unpublished_deleted_private_and_expired_articles_are_gone_on_the_next_request(client, news_index):
    pages = {
        slug: ArticlePageFactory(parent=news_index, slug=slug)
        for slug in ["ingetrokken", "verwijderd", "besloten", "verlopen"]
    }
    for slug in pages:
        assert client.get(f"/nieuws/{slug}/").status_code == 200

    ArticlePage.objects.get(pk=pages["ingetrokken"].pk).unpublish()
    pages["verwijderd"].delete()
    PageViewRestriction.objects.create(
        page=pages["besloten"], restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    ArticlePage.objects.filter(pk=pages["verlopen"].pk).update(
        expire_at=timezone.now() + datetime.timedelta(hours=1)
    )
    pages["verlopen"].refresh_from_db()
    pages["verlopen"].save()  # as the editor's schedule would

    # Once live, now gone: 410 (news/withdrawal.py, tests/news/test_gone.py).
    assert client.get("/nieuws/ingetrokken/").status_code == 410
    assert client.get("/nieuws/verwijderd/").status_code == 410
    restricted = client.get("/nieuws/besloten/")
    assert restricted.status_code == 200
    assert 'name="password"' in restricted.content.decode()
    assert client.get("/nieuws/verlopen/").status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1, seconds=1)):
        assert client.get("/nieuws/verlopen/").status_code == 404


def test_an_unpublished_news_index_is_gone_with_its_articles_on_the_next_request(
    client, news_index, django_user_model
):
    ArticlePageFactory(parent=news_index, slug="bericht")
    assert client.get("/nieuws/").status_code == 200
    assert client.get("/nieuws/bericht/").status_code == 200

    editor = django_user_model.objects.create(username="eindredactie", is_superuser=True)
    UnpublishPageAction(news_index, user=editor, include_descendants=True).execute()
    assert client.get("/nieuws/").status_code == 404
    assert client.get("/nieuws/bericht/").status_code == 410  # an article that was live is gone


def test_a_preview_shows_the_editors_unsaved_tags_and_related_choice(client, news_index):
    chosen = ArticlePageFactory(parent=news_index, title="Gekozen artikel")
    article = ArticlePageFactory(parent=news_index, title="Hoofd", tags=["zorg"])
    client.get(article.url)  # the published block is in the cache now

    article.tags.add("Nieuw onderwerp")
    article.related_links.set([ArticleRelatedLink(related_page=chosen)])
    body = article.make_preview_request().content.decode()
    assert "Nieuw onderwerp" in body
    assert "Gekozen artikel" in body
    published = client.get(article.url).content.decode()
    assert "Nieuw onderwerp" not in published
    assert "Gekozen artikel" not in published
