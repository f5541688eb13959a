"""A fixed-window rate limit per client address, kept in the cache (use a shared cache in production)."""

from django.core.cache import cache

from newsletter import conf
from security.clientip import client_ip


def over_limit(request, scope: str) -> bool:
    """Count this request; True once the address made more than RATE_LIMIT in the current window."""
    window = conf.get("RATE_WINDOW")
    key = f"newsletter:rate:{scope}:{client_ip(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > conf.get("RATE_LIMIT")
