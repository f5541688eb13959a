"""The first request after a restart, with every cache empty, costs the same few queries whether a page
shows one card or fourteen (after a publish, cold and warm: test_query_counts.py)."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sitewide.models import SiteSettings
from sitewide.sites import forget_sites
from tests.factories import ArticlePageFactory, ImageFactory

URLS = ["/", "/nieuws/", "/nieuws/tag/gedeeld/", "/nieuws/hoofdartikel/"]
# What a publish costs (test_query_counts.py), plus content types and renditions, which Wagtail keeps per
# process, and the site.
AFTER_A_RESTART_MAX = {"/": 12, "/nieuws/": 14, "/nieuws/tag/gedeeld/": 15, "/nieuws/hoofdartikel/": 18}


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
    SiteSettings.for_site(index.get_site())  # made on first use; a running site has them


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
def test_the_first_request_after_a_restart_costs_the_same_with_1_and_14_cards(client, news_index, url):
    found = {}
    for size in (1, 14):
        news_index.get_children().delete()
        build(news_index, size)
        count(client, url)  # renditions exist once any visitor has seen the page
        found[size] = count(client, url, a_restart)
    assert found[1] == found[14], found
    assert found[14] <= AFTER_A_RESTART_MAX[url]
