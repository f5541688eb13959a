"""The first request after a publish or a restart, when the caches are cold, costs the same few queries
whether a page shows one card or fourteen."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sitewide import versions
from sitewide.models import SiteSettings
from sitewide.sites import forget_sites
from tests.factories import ArticlePageFactory, ImageFactory

URLS = ["/", "/nieuws/", "/nieuws/tag/gedeeld/", "/nieuws/hoofdartikel/"]
# The first request after a publish pays for what every page shares (site, settings, menu, footer) and for
# its own routing, counts, tags and related block; later pages find the shared part in the cache.
AFTER_A_PUBLISH_MAX = {"/": 10, "/nieuws/": 11, "/nieuws/tag/gedeeld/": 12, "/nieuws/hoofdartikel/": 14}
AFTER_A_RESTART_MAX = 18  # plus content types and renditions, which Wagtail keeps per process
WARM_MAX = 3


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


def a_publish():
    versions.changed()  # what any change, in any process, does to this process's caches


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
def test_cold_and_warm_requests_cost_the_same_with_1_and_14_cards(client, news_index, url):
    found = {}
    for size in (1, 14):
        news_index.get_children().delete()
        build(news_index, size)
        count(client, url)  # renditions exist once any visitor has seen the page
        found[size] = (
            count(client, url, a_publish),
            count(client, url, a_restart),
            count(client, url),
        )
    assert found[1] == found[14], found
    after_publish, after_restart, warm = found[14]
    assert after_publish <= AFTER_A_PUBLISH_MAX[url]
    assert after_restart <= AFTER_A_RESTART_MAX
    assert warm <= WARM_MAX
