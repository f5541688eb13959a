"""Draft, scheduled, expired and private articles × every public output: anonymous visitors see none of them."""

import datetime
import json

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from wagtail.models import PageViewRestriction

from news.models import ArticleRelatedLink
from tests.factories import ArticlePageFactory, make_subscriber

SHARED_TAG = "gedeeld"


def hidden_article(index, title, **kwargs):
    return ArticlePageFactory(
        parent=index,
        title=title,
        tags=[SHARED_TAG, "verborgen"],
        intro=f"Inleiding van {title}. Geheimwoord zwaluwstaart.",
        body=[("paragraph", f"<p>Tekst van {title} met zwaluwstaart.</p>")],
        date=timezone.localdate(),
        **kwargs,
    )


@pytest.fixture
def matrix(home, news_index, django_capture_on_commit_callbacks):
    """One visible article, and one hidden article of each kind, all sharing a tag and a search word."""
    now = timezone.now()
    make_subscriber("lezer@example.nl")
    visible = ArticlePageFactory(
        parent=news_index, title="Zichtbaar bericht", tags=[SHARED_TAG], intro="Over zwaluwstaart."
    )
    hidden = {}
    hidden["concept"] = hidden_article(news_index, "Concept dat niemand ziet", live=False)
    scheduled = hidden_article(news_index, "Gepland voor later", live=False)
    scheduled.go_live_at = now + datetime.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        scheduled.save_revision().publish()  # a future go-live time: scheduled, not live
    hidden["gepland"] = scheduled
    live = ArticlePageFactory(parent=news_index, title="Oude versie live", tags=[SHARED_TAG])
    live.title = "Nieuwe versie gepland"
    live.go_live_at = now + datetime.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        live.save_revision().publish()
    hidden["geplande versie"] = live
    hidden["verlopen"] = hidden_article(
        news_index, "Verlopen bericht", expire_at=now - datetime.timedelta(hours=1)
    )
    for kind, restriction in [
        ("inloggen", {"restriction_type": PageViewRestriction.LOGIN}),
        ("wachtwoord", {"restriction_type": PageViewRestriction.PASSWORD, "password": "geheim"}),
        ("groep", {"restriction_type": PageViewRestriction.GROUPS}),
    ]:
        page = hidden_article(news_index, f"Besloten ({kind})")
        pvr = PageViewRestriction.objects.create(page=page, **restriction)
        if kind == "groep":
            pvr.groups.set([Group.objects.create(name="Bestuur")])
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()  # published, but behind the restriction: no announcement
        hidden[kind] = page
    visible.related_links.set([ArticleRelatedLink(related_page=p) for p in list(hidden.values())[:3]])
    visible.save()
    return visible, hidden


def public_outputs(visible, hidden):
    urls = [
        "/",
        "/nieuws/",
        f"/nieuws/tag/{SHARED_TAG}/",
        "/nieuws/tag/verborgen/",
        "/nieuws/feed/",
        "/nieuws/atom/",
        f"/nieuws/tag/{SHARED_TAG}/feed/",
        "/nieuws/tag/verborgen/atom/",
        "/zoeken/?q=zwaluwstaart",
        "/zoeken/?q=besloten",
        "/sitemap.xml",
        "/api/v2/articles/",
        f"/api/v2/articles/?tag={SHARED_TAG}",
        "/api/v2/articles/?search=zwaluwstaart",
        visible.url,
    ]
    for page in hidden.values():
        urls += [
            f"/nieuws/{page.slug}/",
            f"/api/v2/articles/{page.pk}/",
            f"/api/v2/articles/find/?html_path=/nieuws/{page.slug}/",
        ]
    return urls


def titles(hidden):
    result = {page.title for page in hidden.values()} | {"Nieuwe versie gepland"}
    return result - {"Oude versie live"}


@pytest.mark.parametrize("page_cache", [False, True])
def test_anonymous_visitors_see_no_hidden_article_anywhere(
    client, admin_client, matrix, settings, page_cache
):
    settings.PAGE_CACHE = page_cache
    visible, hidden = matrix
    urls = public_outputs(visible, hidden)
    for url in urls:
        admin_client.get(url)  # an editor's visit first: nothing of it may reach the next visitor

    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        body = response.content.decode()
        if response.get("Content-Type", "").startswith("application/json"):
            body = json.dumps(response.json(), ensure_ascii=False)
        leaked = [title for title in titles(hidden) if title in body]
        if leaked:
            found[url] = leaked
    assert "Zichtbaar bericht" in client.get("/nieuws/").content.decode()
    assert found == {}
    assert mail.outbox == [] or all(
        not any(title in message.body for title in titles(hidden)) for message in mail.outbox
    )


def test_restricted_responses_are_private_and_never_stored(client, admin_client, matrix, settings):
    settings.PAGE_CACHE = True
    _, hidden = matrix
    for kind in ("inloggen", "wachtwoord", "groep"):
        url = hidden[kind].url
        for response in (client.get(url), admin_client.get(url)):
            cache_control = response["Cache-Control"]
            assert "private" in cache_control and "no-store" in cache_control, (kind, cache_control)
            assert response.get("X-Page-Cache") is None
    assert "Besloten (inloggen)" in admin_client.get(hidden["inloggen"].url).content.decode()


def test_hidden_articles_send_no_newsletter(matrix):
    _, hidden = matrix
    sent = " ".join(message.body for message in mail.outbox)
    for title in titles(hidden):
        assert title not in sent
