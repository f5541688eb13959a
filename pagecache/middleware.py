"""Full-page cache for anonymous visitors.

Looked up before sessions and authentication run, so a hit costs reading the content version (one small
query, or none with CONTENT_VERSION_PUSH; it also resolves the site: sitewide/sites.py) and one cache read. Only plain GETs of public pages are served from
or stored in the cache; see `cacheable_request` and `cacheable_response` for every exclusion. An entry
lasts until the next expiry time of a live page (expiry.py), and so does what browsers and a CDN may keep.
"""

import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from compression import middleware as compression
from pagecache import expiry, store
from sitewide.sites import site_for

ALLOWED_QUERY_KEYS = {"page"}
CACHE_CONTROL = {"public": True, "max_age": 60, "s_maxage": 3600}


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE", False)


def site_id_for(request) -> int | None:
    site = site_for(request)
    return site.pk if site else None


def cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if any(request.path.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDED_PATHS):
        return False
    params = request.GET
    return set(params) <= ALLOWED_QUERY_KEYS and all(v.isascii() and v.isdigit() for v in params.values())


def cacheable_response(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False) or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a preview, or the page carries a CSRF token
    # Django keeps the lazy nonce there (no public getter); truthy once used (contract tested).
    if getattr(request, "_csp_nonce", None):  # a nonce was used: the page is unique to this response
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or not cacheable_request(request):
            return self.get_response(request)
        site_id = site_id_for(request)
        key = store.key_for(site_id, request.get_full_path()) if site_id else None
        entry = store.lookup(key) if key else None
        if entry is not None:
            response = HttpResponse(entry["content"], status=entry["status"])
            for header, value in entry["headers"]:
                response[header] = value
            if entry["until"] != expiry.NEVER:  # else the stored Cache-Control is already the one to send
                limit_cache_control(response, entry["until"])
            response["X-Page-Cache"] = "hit"
            # Compressed when stored: CompressionMiddleware (above) sends the visitor's, compressing nothing.
            response.encoded_bodies = entry.get("encoded", {})
            return response
        started = time.time()
        response = self.get_response(request)
        if key and cacheable_response(request, response):
            until = expiry.valid_until(started)
            limit_cache_control(response, until)
            if until > time.time():  # else something it shows expired while it was being rendered
                # Compress once, for this visitor and every hit (compression/middleware.py); {} if it must not be.
                response.encoded_bodies = compression.encode_all(request, response)
                store.store(key, response, until)
                response["X-Page-Cache"] = "miss"
        return response


def limit_cache_control(response, until: float) -> None:
    """CACHE_CONTROL, with no lifetime reaching past `until`: nothing purges browsers or a CDN at an expiry."""
    left = max(0, int(until - time.time())) if until != expiry.NEVER else CACHE_CONTROL["s_maxage"]
    patch_cache_control(
        response,
        public=True,
        max_age=min(CACHE_CONTROL["max_age"], left),
        s_maxage=min(CACHE_CONTROL["s_maxage"], left),
    )
