"""How many articles a listing has (for its page numbers), cached under the content version.

Counting the articles with a common tag visits each of them: about 3 ms for 1,100 articles on SQLite. The
answer changes only when content changes, which moves the content version on (sitewide/versions.py), or
when an article's expiry time passes: so counts are cached under the version, each until the earliest
expiry time among the articles it counted.
"""

import time

from django.core.cache import cache
from django.db.models import Count, Min

from sitewide import versions

KEY = "news:count:{index}:{tag}"


def count(index, pages, tag=None) -> int:
    """The number of `pages` (the visible articles of `index`, with `tag`), from the cache when possible."""
    token = versions.current()
    key = versions.key(KEY.format(index=index.pk, tag=tag.pk if tag else 0))
    now = time.time()
    if token:
        found = cache.get(key)
        if found is not None and (found[1] is None or found[1] > now):
            return found[0]
    result = pages.aggregate(n=Count("pk"), next_expiry=Min("expire_at"))
    next_expiry = result["next_expiry"].timestamp() if result["next_expiry"] else None
    if token:
        cache.set(key, (result["n"], next_expiry), until(next_expiry, now))
    return result["n"]


def until(expiry: float | None, now: float) -> int:
    """A cache timeout that ends at `expiry` (seconds since the epoch), at most the version's TIMEOUT."""
    if expiry is None:
        return versions.TIMEOUT
    return max(1, min(versions.TIMEOUT, int(expiry - now) + 1))
