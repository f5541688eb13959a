"""sitemap.xml: every live, public, unexpired page of the visitor's site with its last publication time."""

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
        # A path: the sitemap framework adds the scheme and host the visitor used.
        return page.relative_url(self.site, self.request)

    def lastmod(self, page):
        return page.last_published_at or page.latest_revision_created_at
