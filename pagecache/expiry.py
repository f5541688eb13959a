"""Until when a page rendered now stays right: the earliest expiry time still to come of any live page.

A page stops being right when something it shows changes (a publish, an edit: the content version moves on)
or when an article it shows passes its expiry time, which nothing announces: the expiry job may run minutes
later, or not at all. So every cached page carries the first expiry time after its rendering began, of any
live page on any site, and is a miss from that moment on. That is coarse (one expiry ends every cached
page, also those that never showed the article) but cannot miss a page, and expiry times are rare. Going
live needs nothing here: a scheduled page goes live only when the job publishes it, which moves the version.

The moment is kept under the content version (sitewide/versions.py) with the time it was worked out, so it
costs a query once per content version and expiry, and a cache read on a miss; a hit reads nothing more.
"""

import datetime
import time

from django.core.cache import cache
from django.db.models import Min
from wagtail.models import Page

from sitewide import versions

KEY = "pagecache:next-expiry"
NEVER = float("inf")


def _first_expiry_after(moment: float) -> float:
    after = datetime.datetime.fromtimestamp(moment, tz=datetime.UTC)
    found = Page.objects.filter(live=True, expire_at__gt=after).aggregate(first=Min("expire_at"))["first"]
    return found.timestamp() if found else NEVER


def valid_until(started: float) -> float:
    """The first expiry time of a live page after `started` (seconds since the epoch), or NEVER."""
    if not versions.current():
        return _first_expiry_after(started)
    key = versions.key(KEY)
    found = cache.get(key)
    # (worked out at, first expiry after that): right for every moment between the two.
    if found is not None and found[0] <= started < found[1]:
        return found[1]
    first = _first_expiry_after(started)
    cache.set(key, (started, first), timeout(first, time.time(), versions.TIMEOUT))
    return first


def timeout(until: float, now: float, longest: int) -> int:
    """A cache timeout in whole seconds that ends just after `until`, and at most `longest`."""
    if until == NEVER:
        return longest
    return max(1, min(longest, int(until - now) + 1))
