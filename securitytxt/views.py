from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Site

from securitytxt import file
from sitewide.models import SiteSettings


@require_safe
def security_txt(request):
    """The request's site's security.txt; the Dutch 404 while it has no contact or has expired."""
    site = Site.find_for_request(request)
    settings = SiteSettings.for_site(site) if site else None
    now = timezone.now()
    if settings is None or file.state(settings, now) in (file.MISSING, file.EXPIRED):
        raise Http404
    response = HttpResponse(file.render(settings, site), content_type="text/plain; charset=utf-8")
    left = int((settings.security_expires - now).total_seconds())
    patch_cache_control(response, public=True, max_age=min(file.MAX_AGE, left))
    return response


@require_safe
def security_txt_legacy(request):
    """RFC 9116 allows the old address at the root to redirect to the one under /.well-known/."""
    return HttpResponsePermanentRedirect(reverse("security_txt"))
