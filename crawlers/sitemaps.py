"""sitemap.xml: every live, public, unexpired page of the visitor's site with its last publication time."""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, Site


class PageSitemap(Sitemap):
    def __init__(self, request):
        self.request = request
        self.site = Site.find_for_request(request)

    def items(self):
        if self.site is None:
            return Page.objects.none()
        now = timezone.now()
        return (
            self.site.root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
            .order_by("path")
        )

    def location(self, page):
        # A path: the sitemap framework puts get_protocol() and get_domain() in front of it.
        return page.relative_url(self.site, self.request)

    # The framework would use the request's scheme and Host; these give the Site record's root instead.
    def get_protocol(self, protocol=None):
        return urlsplit(self.site.root_url).scheme if self.site else "https"

    def get_domain(self, site=None):
        return urlsplit(self.site.root_url).netloc if self.site else ""

    def lastmod(self, page):
        return page.last_published_at or page.latest_revision_created_at
