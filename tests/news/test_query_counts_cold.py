"""The first request after a restart, with every cache empty, costs at most 8 queries whether a page shows
one card or fourteen, as after a publish (test_query_counts.py), and the next request is warm again."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sitewide.models import SiteSettings
from sitewide.sites import forget_sites
from tests.factories import ArticlePageFactory, ImageFactory, StandardPageFactory

URLS = ["/", "/nieuws/", "/nieuws/tag/gedeeld/", "/nieuws/hoofdartikel/"]
# Before: home 12, index 14, tag 15, article 18. The second request: as warm as after a publish.
AFTER_A_RESTART_MAX = 8
WARM = {"/": 3, "/nieuws/": 2, "/nieuws/tag/gedeeld/": 2, "/nieuws/hoofdartikel/": 1}


def build(index, n):
    image = ImageFactory()
    others = [
        ArticlePageFactory(
            parent=index, title=f"Ander {i}", tags=["gedeeld", f"tag {i}"], image=image, image_alt="x"
        )
        for i in range(n)
    ]
    ArticlePageFactory(
        parent=index,
        title="Hoofdartikel",
        slug="hoofdartikel",
        date=datetime.date(2020, 1, 1),
        tags=["gedeeld", *(f"tag {i}" for i in range(n))],
        related=others[:3],
        image=image,
        image_alt="Een foto",
    )


def with_footer(home):
    """Footer pages, one also in the menu, as a running site has them (the settings are made on first use)."""
    titles = ("Toegankelijkheid", "Privacy")
    footer = [StandardPageFactory(parent=home, title=t, show_in_menus=t == "Privacy") for t in titles]
    settings = SiteSettings.for_site(home.get_site())
    settings.accessibility_page, settings.privacy_page = footer
    settings.save()


def a_restart():
    """What a new process has: no cache entries (local memory), no memo of sites or content types."""
    cache.clear()
    forget_sites()
    ContentType.objects.clear_cache()


def count(client, url, before=None) -> int:
    if before is not None:
        before()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", URLS)
def test_the_first_request_after_a_restart_costs_the_same_with_1_and_14_cards(client, home, news_index, url):
    with_footer(home)
    found = {}
    for size in (1, 14):
        news_index.get_children().delete()  # the articles
        build(news_index, size)
        count(client, url)  # renditions exist once any visitor has seen the page
        found[size] = (count(client, url, a_restart), count(client, url))
    assert found[1] == found[14], found
    cold, warm = found[14]
    assert cold <= AFTER_A_RESTART_MAX and warm <= WARM[url], found
