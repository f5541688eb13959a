"""A Redis cache that degrades to "no cache" while Redis is unreachable, instead of failing requests.

Reads miss, writes are dropped, and the failure is logged. A value that no longer unpickles is a miss too. Writes report failure (set_many returns the
keys it could not store) so the page cache can schedule a full purge for when Redis is back.
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _tolerant(default):
    def decorate(method):
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except (RedisError, OSError) as error:
                logger.warning("Cache unavailable (%s): %s", method.__name__, error)
                return default(args) if callable(default) else default

        return wrapper

    return decorate


def _unpicklable_is_a_miss(default):
    """A value written by other code (a rolling deploy: a model or field renamed since) that no longer
    unpickles is a miss, not a failed request."""

    def decorate(method):
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except (RedisError, OSError):
                raise
            except Exception as error:  # noqa: BLE001 - whatever unpickling raises
                logger.warning("Cache value unreadable (%s): %r", method.__name__, error)
                return default(args) if callable(default) else default

        return wrapper

    return decorate


class ResilientRedisCache(RedisCache):
    get = _tolerant(lambda args: args[1] if len(args) > 1 else None)(
        _unpicklable_is_a_miss(lambda args: args[1] if len(args) > 1 else None)(RedisCache.get)
    )
    get_many = _tolerant({})(_unpicklable_is_a_miss({})(RedisCache.get_many))
    add = _tolerant(False)(RedisCache.add)
    set = _tolerant(False)(RedisCache.set)
    set_many = _tolerant(lambda args: list(args[0]))(RedisCache.set_many)
    delete = _tolerant(False)(RedisCache.delete)
    delete_many = _tolerant(None)(RedisCache.delete_many)
    touch = _tolerant(False)(RedisCache.touch)
    has_key = _tolerant(False)(RedisCache.has_key)
    clear = _tolerant(False)(RedisCache.clear)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except (RedisError, OSError) as error:
            logger.warning("Cache unavailable (incr): %s", error)
            return delta  # counters (rate limits) fail open while the cache is down
