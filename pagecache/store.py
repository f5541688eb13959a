"""Storage of whole anonymous responses in Django's cache, with purge by URL and for the whole site.

An entry is valid only if its rendering started after the last purge of its URL and of the whole site,
and only until the first expiry time of a live page after its rendering began (see expiry.py): an article
that expires leaves every cached page at that moment, in every process, however long the backend keeps it.
Purges write timestamps instead of deleting entries, so a request that began rendering before a publish
and finishes after it can never store a stale page for longer than one request (see `lookup`).
Keys use the Wagtail site's id, not the Host header, so one purge covers every host name of a site.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches

from pagecache import expiry

ENTRY = "pagecache:entry:{}"
PURGED = "pagecache:purged:{}"
PURGED_ALL = "pagecache:purged-all"
# Purge marks outlive every entry; entries expire on their own after a day as a safety net.
PURGE_MARK_TIMEOUT = 7 * 24 * 3600
ENTRY_TIMEOUT = 24 * 3600
SKIPPED_HEADERS = {"set-cookie", "date", "content-length", "vary"}


def cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _id(site_id: int, path: str) -> str:
    return hashlib.sha256(f"{site_id}:{path}".encode()).hexdigest()[:40]


def lookup(site_id: int, path: str) -> dict | None:
    ident = _id(site_id, path)
    found = cache().get_many([ENTRY.format(ident), PURGED.format(ident), PURGED_ALL])
    entry = found.get(ENTRY.format(ident))
    if entry is None or entry.get("until", 0) <= time.time():  # no "until": stored by older code
        return None
    newest_purge = max(found.get(PURGED.format(ident), 0), found.get(PURGED_ALL, 0))
    return entry if entry["started"] > newest_purge else None


def store(site_id: int, path: str, response, started: float, until: float) -> None:
    """Keep `response`, rendered from `started` on, until `until` at most (seconds since the epoch)."""
    headers = [(k, v) for k, v in response.items() if k.lower() not in SKIPPED_HEADERS]
    entry = {
        "started": started,
        "until": until,
        "status": response.status_code,
        "headers": headers,
        "content": response.content,
    }
    cache().set(ENTRY.format(_id(site_id, path)), entry, expiry.timeout(until, time.time(), ENTRY_TIMEOUT))


def purge(site_paths) -> bool:
    """Mark (site id, path) pairs as changed from now on; False if the cache could not store that."""
    now = time.time()
    marks = {PURGED.format(_id(site_id, path)): now for site_id, path in site_paths}
    return not cache().set_many(marks, PURGE_MARK_TIMEOUT)


def purge_all() -> bool:
    """Mark the whole site as changed from now on; False if the cache could not store that."""
    return cache().set(PURGED_ALL, time.time(), PURGE_MARK_TIMEOUT) is not False
