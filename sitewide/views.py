import sys

from django.contrib.sitemaps.views import sitemap
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_safe
from wagtail.models import Site

from sitewide import securitytxt
from sitewide.mixins import absolute_url
from sitewide.models import SiteSettings
from sitewide.sitemaps import PageSitemap


@require_GET
def sitemap_xml(request):
    return sitemap(request, sitemaps={"pages": PageSitemap(request)})


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /-/",  # the load balancer's probes (health/)
        "",
        f"Sitemap: {absolute_url(request, reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def security_txt(request):
    """The request's site's security.txt; the Dutch 404 while it has no contact or has expired."""
    site = Site.find_for_request(request)
    settings = SiteSettings.for_site(site) if site else None
    now = timezone.now()
    if settings is None or securitytxt.state(settings, now) in (securitytxt.MISSING, securitytxt.EXPIRED):
        raise Http404
    response = HttpResponse(securitytxt.render(settings, site), content_type="text/plain; charset=utf-8")
    left = int((settings.security_expires - now).total_seconds())
    patch_cache_control(response, public=True, max_age=min(securitytxt.MAX_AGE, left))
    return response


@require_safe
def security_txt_legacy(request):
    """RFC 9116 allows the old address at the root to redirect to the one under /.well-known/."""
    return HttpResponsePermanentRedirect(reverse("security_txt"))


def server_error(request, *args, **kwargs):
    """The Dutch error page, rendered without the database; 503 with Retry-After when the database is down."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
    else:
        response = HttpResponse(render_to_string("500.html"), status=500)
    response["Cache-Control"] = "no-store"
    return response
