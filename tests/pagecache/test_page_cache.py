"""The full-page cache serves anonymous visitors, shows every change on the next request, and purges a CDN
of exactly what a change affects."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from news.models import ArticlePage, ArticleRelatedLink
from sitewide.models import SiteSettings
from tests.factories import ArticlePageFactory, ImageFactory
from tests.pagecache import backends


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": "tests.pagecache.backends.RecordingBackend"}}
    backends.PURGED.clear()


def get(client, url):
    response = client.get(url)
    return response, response.get("X-Page-Cache"), response.content.decode()


def publish(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


@pytest.fixture
def site(news_index):
    """Thirteen articles (two index pages), two of them sharing tags with the one that will change."""
    for n in range(11):
        ArticlePageFactory(parent=news_index, title=f"Vulling {n}", date=datetime.date(2024, 1, n + 1))
    changing = ArticlePageFactory(
        parent=news_index, title="Oude titel", date=datetime.date(2024, 3, 1), tags=["zorg", "jeugd"]
    )
    by_tag = ArticlePageFactory(
        parent=news_index, title="Deelt een tag", date=datetime.date(2024, 2, 1), tags=["zorg"]
    )
    chooser = ArticlePageFactory(
        parent=news_index,
        title="Kiest het",
        date=datetime.date(2023, 1, 1),
        tags=["sport"],
        related=[changing],
    )
    unrelated = ArticlePageFactory(
        parent=news_index,
        title="Los bericht",
        date=datetime.date(2023, 2, 1),
        tags=["sport"],
        related=[by_tag, chooser, by_tag],
    )
    return {"changing": changing, "by_tag": by_tag, "chooser": chooser, "unrelated": unrelated}


def test_second_anonymous_visit_is_served_from_the_cache_reading_only_the_content_version(client, site):
    url = site["changing"].url
    first, state_1, body_1 = get(client, url)
    with CaptureQueriesContext(connection) as queries:
        second, state_2, body_2 = get(client, url)

    assert (state_1, state_2) == ("miss", "hit")
    assert body_1 == body_2
    assert len(queries) == 1 and "sitewide_contentversion" in queries[0]["sql"]
    assert "public" in second["Cache-Control"] and "s-maxage" in second["Cache-Control"]


def test_publishing_refreshes_every_page_that_shows_the_article(
    client, site, django_capture_on_commit_callbacks
):
    article = site["changing"]
    affected = ["/", "/nieuws/", "/nieuws/?page=2", "/nieuws/tag/zorg/", "/nieuws/tag/jeugd/", article.url]
    affected += [site["by_tag"].url, site["chooser"].url, "/sitemap.xml"]
    affected += ["/nieuws/feed/", "/nieuws/atom/", "/nieuws/tag/zorg/feed/", "/nieuws/tag/jeugd/atom/"]
    for url in [*affected, site["unrelated"].url]:
        assert get(client, url)[1] == "miss"
        assert get(client, url)[1] == "hit"

    article.title = "Nieuwe titel"
    article.tags.set(["zorg", "wonen"])
    backends.PURGED.clear()
    publish(article, django_capture_on_commit_callbacks)

    dropped = ["/nieuws/tag/jeugd/", "/nieuws/tag/jeugd/atom/"]  # its only article left the tag
    for url in [*affected, "/nieuws/tag/wonen/"]:
        response, state, body = get(client, url)
        assert (response.status_code, state) == ((404, None) if url in dropped else (200, "miss")), url
        assert "Oude titel" not in body, url
    for url in [
        "/",
        "/nieuws/",
        "/nieuws/tag/zorg/",
        "/nieuws/tag/wonen/",
        site["by_tag"].url,
        site["chooser"].url,
    ]:
        assert "Nieuwe titel" in get(client, url)[2], url
    # The CDN is told exactly what shows the article: not a page that shows neither it nor its tags.
    assert "http://localhost/nieuws/tag/jeugd/" in backends.PURGED
    assert "http://localhost" + article.url in backends.PURGED
    assert "http://localhost" + site["by_tag"].url in backends.PURGED
    assert "http://localhost" + site["unrelated"].url not in backends.PURGED


def test_unpublishing_and_deleting_take_the_article_off_every_page(
    client, site, django_capture_on_commit_callbacks
):
    article, chooser = site["changing"], site["chooser"]
    for url in ["/", "/nieuws/", "/nieuws/tag/zorg/", article.url, chooser.url]:
        get(client, url)

    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()

    assert get(client, article.url)[0].status_code == 410  # once live: gone (news/withdrawal.py)
    for url in ["/", "/nieuws/", "/nieuws/tag/zorg/", chooser.url]:
        assert "Oude titel" not in get(client, url)[2], url

    other = site["by_tag"]
    get(client, "/nieuws/tag/zorg/")
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=other.pk).delete()
    assert "Deelt een tag" not in get(client, "/nieuws/tag/zorg/")[2]


def test_site_settings_purge_every_page(client, site, home, django_capture_on_commit_callbacks):
    urls = ["/", "/nieuws/", site["unrelated"].url]
    for url in urls:
        get(client, url)

    settings = SiteSettings.for_site(home.get_site())
    settings.organisation_name = "Altijd als eerste weten"
    with django_capture_on_commit_callbacks(execute=True):
        settings.save()

    for url in urls:
        assert "Altijd als eerste weten" in get(client, url)[2], url


def test_an_edited_image_purges_the_pages_that_show_it(
    client, news_index, django_capture_on_commit_callbacks
):
    image = ImageFactory()
    with_image = ArticlePageFactory(parent=news_index, title="Met beeld", image=image, image_alt="Een foto")
    without = ArticlePageFactory(parent=news_index, title="Zonder beeld")
    publish(with_image, django_capture_on_commit_callbacks)  # indexes the reference to the image
    for url in [with_image.url, without.url]:
        get(client, url)
    backends.PURGED.clear()

    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = (
        10,
        10,
        20,
        20,
    )
    with django_capture_on_commit_callbacks(execute=True):
        image.save()

    assert get(client, with_image.url)[1] == "miss"
    assert "http://localhost" + with_image.url in backends.PURGED
    assert "http://localhost" + without.url not in backends.PURGED


def test_never_cached_for_editors_admin_search_or_odd_query_strings(admin_client, client, site):
    url = site["changing"].url
    assert get(admin_client, url)[1] is None
    assert get(admin_client, url)[1] is None
    assert get(client, "/admin/login/")[1] is None
    for query in ["?utm_source=nieuwsbrief", "?page=abc", "?page=2&x=1"]:
        get(client, "/nieuws/" + query)
        assert get(client, "/nieuws/" + query)[1] is None


def test_a_page_rendered_while_a_publish_commits_is_not_kept(
    client, site, django_capture_on_commit_callbacks, monkeypatch
):
    article, reader = site["changing"], site["by_tag"]
    original = ArticlePage.get_context
    published = []

    def context_then_publish(self, request, *args, **kwargs):
        context = original(self, request, *args, **kwargs)  # the old related block is read first
        if self.pk == reader.pk and not published:
            article.title = "Nieuwe titel"
            publish(article, django_capture_on_commit_callbacks)
            published.append(True)
        return context

    monkeypatch.setattr(ArticlePage, "get_context", context_then_publish)

    assert "Oude titel" in get(client, reader.url)[2]
    response, state, body = get(client, reader.url)
    assert state == "miss"
    assert "Nieuwe titel" in body


def test_related_choice_change_is_seen_by_the_article_itself(
    client, site, django_capture_on_commit_callbacks
):
    unrelated = site["unrelated"]
    get(client, unrelated.url)
    unrelated.related_links.set([ArticleRelatedLink(related_page=site["changing"])])
    publish(unrelated, django_capture_on_commit_callbacks)

    assert "Oude titel" in get(client, unrelated.url)[2]


@pytest.mark.parametrize(
    "spoil",
    ["nothing", "cookie", "csrf token", "csp nonce", "private", "not found"],
)
def test_responses_with_anything_per_visitor_are_never_stored(rf, home, spoil):
    from django.http import HttpResponse, HttpResponseNotFound
    from django.middleware.csrf import get_token
    from django.utils.csp import LazyNonce

    from pagecache.middleware import PageCacheMiddleware

    def view(request):
        response = HttpResponseNotFound("x") if spoil == "not found" else HttpResponse("pagina")
        if spoil == "cookie":
            response.set_cookie("voorkeur", "1")
        elif spoil == "csrf token":
            get_token(request)
        elif spoil == "csp nonce":
            str(request._csp_nonce)
        elif spoil == "private":
            response["Cache-Control"] = "private"
        return response

    def request():
        req = rf.get("/nieuws/")
        req._csp_nonce = LazyNonce()
        return req

    middleware = PageCacheMiddleware(view)
    middleware(request())

    # The same plain page is kept: only what is per visitor makes the difference.
    assert middleware(request()).get("X-Page-Cache") == ("hit" if spoil == "nothing" else None)
