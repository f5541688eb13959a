"""sitemap.xml: every live, public, unexpired page of the visitor's site with its last publication time.

A page type may leave some of its live pages out (`sitemap_hidden()`: a queryset of ids, e.g. withdrawn
articles and items published elsewhere) and give its own last-modified times (`sitemap_lastmods(pks)`)."""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, Site, get_page_models


class PageSitemap(Sitemap):
    def __init__(self, request):
        self.request = request
        self.site = Site.find_for_request(request)

    def items(self):
        if self.site is None:
            return Page.objects.none()
        now = timezone.now()
        pages = (
            self.site.root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
            .order_by("path")
        )
        models = [model for model in get_page_models() if "sitemap_hidden" in model.__dict__]
        for model in models:
            pages = pages.exclude(pk__in=model.sitemap_hidden())
        pages = list(pages)
        self.lastmods = {}
        for model in models:
            self.lastmods.update(model.sitemap_lastmods([page.pk for page in pages]))
        return pages

    def location(self, page):
        # A path: the sitemap framework puts get_protocol() and get_domain() in front of it.
        return page.relative_url(self.site, self.request)

    # The framework would use the request's scheme and Host; these give the Site record's root instead.
    def get_protocol(self, protocol=None):
        return urlsplit(self.site.root_url).scheme if self.site else "https"

    def get_domain(self, site=None):
        return urlsplit(self.site.root_url).netloc if self.site else ""

    def lastmod(self, page):
        if page.pk in self.lastmods:
            return self.lastmods[page.pk]
        return page.last_published_at or page.latest_revision_created_at
