"""The Wagtail site of a request, remembered per host while the content version stays the same.

Wagtail looks the site up on every page request; the answer only changes when a Site is saved or deleted,
which moves the content version on (sitewide/versions.py). So each process remembers the answer per host
and port under the version it found it with, and every process asks again on its first request after any
change, wherever that change was made.
"""

from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from sitewide import versions

MEMO_SIZE = 100  # host and port pairs; ALLOWED_HOSTS bounds them, this bounds a wildcard
_memo: dict = {"version": None, "sites": {}}


def _lookup(hostname: str, port) -> Site | None:
    try:
        # Wagtail's own matching (hostname and port, else the default site); pinned by tests/contracts.
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


def site_for(request) -> Site | None:
    hostname = split_domain_port(request.get_host())[0]  # a host not in ALLOWED_HOSTS: 400
    key = (hostname, request.get_port())
    version = versions.current()
    if not version:
        site = _lookup(*key)
    else:
        if _memo["version"] != version or len(_memo["sites"]) > MEMO_SIZE:
            _memo.update(version=version, sites={})
        sites = _memo["sites"]
        if key not in sites:
            sites[key] = _lookup(*key)
        site = sites[key]
    request._wagtail_site = site  # where Wagtail's Site.find_for_request looks first
    return site


class SiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site_for(request)
        return self.get_response(request)


def forget_sites() -> None:
    """Forget what this process remembered (tests, which roll the content version back)."""
    _memo.update(version=None, sites={})
