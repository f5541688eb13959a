"""Counters per client in Django's cache, so a limit holds across processes with a shared cache (Redis).

A counter starts with its first hit and ends `window` seconds later. While the cache is down the counters
fail open (rediscache.backend.ResilientRedisCache.incr counts every hit as the first).
"""

from django.core.cache import cache


def hit(key: str, window: int) -> int:
    """Count one hit; the number of hits in the current window, this one included."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def prolong(key: str, window: int) -> None:
    """Let the counter (a lockout) last `window` seconds from now."""
    cache.touch(key, timeout=window)


def reset(key: str) -> None:
    cache.delete(key)
