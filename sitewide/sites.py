"""The Wagtail site of a request, remembered per host for a minute instead of queried every time.

Wagtail looks the site up on every page request; the answer only changes when a Site is edited. Each
process remembers it for SITE_MEMO_SECONDS and forgets at once when a Site is saved in this process.
"""

import time

from django.http.request import split_domain_port
from wagtail.models import Site

SITE_MEMO_SECONDS = 60
_sites: dict[tuple[str, str], tuple[Site | None, float]] = {}


def site_for(request) -> Site | None:
    # What Wagtail matches on: the lowercased host without the Host header's port, and the server port.
    key = (split_domain_port(request.get_host())[0], request.get_port())
    site, expires = _sites.get(key, (None, 0.0))
    if expires < time.monotonic():
        site = Site._find_for_request(request)
        _sites[key] = (site, time.monotonic() + SITE_MEMO_SECONDS)
    request._wagtail_site = site  # where Wagtail's Site.find_for_request looks first
    return site


def forget_sites(**kwargs) -> None:
    _sites.clear()


class SiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site_for(request)
        return self.get_response(request)
