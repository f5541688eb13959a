"""Whether any page has a view restriction at all; most sites have none, most of the time.

Kept in the cache under the content version, which every saved or deleted restriction moves on (in every
process at once), so public pages and listings skip the restriction lookups entirely while nothing is private.
"""

from django.core.cache import cache
from wagtail.models import PageViewRestriction

from sitewide import versions

KEY = "sitewide:any-view-restriction"


def any_restrictions() -> bool:
    return versions.cached(KEY, PageViewRestriction.objects.exists)


def remember(found: bool) -> None:
    """The answer of a query that asked it along the way (sitewide/sites.py), for everyone else."""
    if versions.current():
        cache.set(versions.key(KEY), found, versions.TIMEOUT)
