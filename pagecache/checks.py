"""A page cache in each process's own memory misses the purges made by the other processes."""

from django.conf import settings
from django.core import checks
from django.core.cache.backends.locmem import LocMemCache

from pagecache.store import cache


@checks.register(checks.Tags.caches, deploy=True)
def page_cache_is_shared(app_configs, **kwargs):
    if getattr(settings, "PAGE_CACHE", False) and isinstance(cache(), LocMemCache):
        return [
            checks.Warning(
                "The page cache is on with a cache in each process's own memory: a page purged by one "
                "process (an unpublished article) stays served by the others.",
                hint="Set REDIS_URL (a cache shared by all processes), or PAGE_CACHE=false.",
                id="pagecache.W001",
            )
        ]
    return []
