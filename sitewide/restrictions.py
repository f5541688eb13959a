"""Whether any page has a view restriction at all; most sites have none, most of the time.

Kept in the cache and dropped whenever a restriction is saved or deleted, so public pages and listings
skip the restriction lookups entirely while nothing is private.
"""

from django.core.cache import cache
from wagtail.models import PageViewRestriction

KEY = "sitewide:any-view-restriction"


def any_restrictions() -> bool:
    return cache.get_or_set(KEY, lambda: PageViewRestriction.objects.exists(), timeout=None)


def forget(**kwargs) -> None:
    cache.delete(KEY)
