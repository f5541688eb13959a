"""Storage of whole anonymous responses in Django's cache, under the content version.

An entry's key holds the content version (sitewide/versions.py) that was current when its rendering began,
so any change, made by any process, leaves every entry unread from the next request on: nothing is purged,
and a page that began rendering before a publish is stored under the old version, where nobody looks.
An entry also ends at the first expiry time of a live page after its rendering began (see expiry.py).
Keys use the Wagtail site's id, not the Host header: pages hold no request data (absolute URLs come from
the site's configured root), so one entry serves every host name of a site.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches

from pagecache import expiry
from sitewide import versions

ENTRY_TIMEOUT = 24 * 3600  # entries of old versions are never read again and expire on their own
SKIPPED_HEADERS = {"set-cookie", "date", "content-length", "vary"}


def cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def key_for(site_id: int, path: str) -> str | None:
    """The key of this page under the content version as it is now; None while the version is unknown."""
    if not versions.current():
        return None
    return versions.key("page", hashlib.sha256(f"{site_id}:{path}".encode()).hexdigest()[:40])


def lookup(key: str) -> dict | None:
    entry = cache().get(key)
    if entry is None or entry.get("until", 0) <= time.time():
        return None
    return entry


def store(key: str, response, until: float) -> None:
    """Keep `response` until `until` at most, under `key`: taken before it was rendered, so a change made
    meanwhile has already moved the version past it."""
    headers = [(k, v) for k, v in response.items() if k.lower() not in SKIPPED_HEADERS]
    entry = {"until": until, "status": response.status_code, "headers": headers, "content": response.content}
    entry["encoded"] = getattr(response, "encoded_bodies", {})  # compressed bodies: compression/middleware.py
    cache().set(key, entry, expiry.timeout(until, time.time(), ENTRY_TIMEOUT))
