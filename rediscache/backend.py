"""A Redis cache that degrades to "no cache" while Redis is down or hangs, instead of failing requests.

Reads miss (each with a new, empty result), writes are dropped and report it (set_many returns the keys it
could not store), counters fail open. Nothing goes stale meanwhile: every entry is keyed on the content
version, which lives in the database (docs/architecture.md).
A value that no longer unpickles is a miss too.

After Redis could not be reached (refused, reset or timed out), a circuit breaker skips it entirely for a
few seconds (`breaker_seconds` in OPTIONS), then lets one call probe it: with Redis hanging, a request
waits for at most one socket timeout per window instead of one per cache call. One breaker per process
and Redis location, shared by the threads' cache objects. Logged once when it opens and once when it
closes. See docs/cache-faults.md.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

BREAKER_SECONDS = 5.0
# Redis could not be reached: open the breaker. Any other RedisError is an answer (out of memory, a
# read-only replica): that call fails soft, the next ones still go to Redis.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
clock = time.monotonic  # replaced in tests


class Breaker:
    """Closed: calls go to Redis. Open: calls are skipped until `retry_at`, then one call probes.

    Each call takes a ticket (the number of openings so far); a result that comes back after a later
    opening is stale and changes nothing, so a slow call from before an outage cannot close or reopen it.
    """

    def __init__(self, location: str, seconds: float):
        self.location = location
        self.seconds = seconds
        self._lock = threading.Lock()
        self._openings = 0
        self._open = False
        self._retry_at = 0.0
        self._opened_at = 0.0
        self._skipped = 0

    def ticket(self) -> int | None:
        """A ticket for `succeeded`/`failed`, or None: skip Redis."""
        with self._lock:
            if self._open:
                now = clock()
                if now < self._retry_at:
                    self._skipped += 1
                    return None
                self._retry_at = now + self.seconds  # this call probes; the others keep skipping
            return self._openings

    def succeeded(self, ticket: int) -> None:
        if not self._open:
            return
        with self._lock:
            if not self._open or ticket != self._openings:
                return
            self._open = False
            down, skipped = clock() - self._opened_at, self._skipped
        logger.warning(
            "Cache %s reachable again after %.1f s (%d calls skipped)", self.location, down, skipped
        )

    def failed(self, ticket: int, method: str, error: Exception) -> None:
        with self._lock:
            if ticket != self._openings:
                return
            now = clock()
            self._retry_at = now + self.seconds
            if self._open:
                return  # a failed probe: still the same outage
            self._open, self._openings, self._opened_at, self._skipped = True, self._openings + 1, now, 0
        logger.warning(
            "Cache %s unreachable (%s: %s): not used for %g s at a time until it answers",
            self.location,
            method,
            error,
            self.seconds,
        )


_breakers: dict[tuple, Breaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(location, seconds: float) -> Breaker:
    """The process's breaker for this LOCATION (Django makes a cache object per thread)."""
    servers = [location] if isinstance(location, str) else list(location)
    key = (tuple(servers), seconds)
    with _breakers_lock:
        if key not in _breakers:
            _breakers[key] = Breaker(",".join(_without_password(s) for s in servers), seconds)
        return _breakers[key]


def forget_breakers() -> None:
    """Start every breaker closed (tests)."""
    with _breakers_lock:
        _breakers.clear()


def _without_password(url: str) -> str:
    scheme, sep, rest = url.rpartition("://")
    return (scheme + sep if sep else "") + rest.rpartition("@")[2]


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        seconds = float(options.pop("breaker_seconds", BREAKER_SECONDS))
        super().__init__(server, {**params, "OPTIONS": options})
        self.breaker = breaker_for(server, seconds)

    def _call(self, name: str, fallback, method, *args, unpicklable_is_a_miss=False):
        """`method(*args)`, or `fallback()` (a new object each time) when Redis is skipped or fails."""
        ticket = self.breaker.ticket()
        if ticket is None:
            return fallback()
        try:
            result = method(*args)
        except UNREACHABLE as error:
            self.breaker.failed(ticket, name, error)
            return fallback()
        except RedisError as error:
            self.breaker.succeeded(ticket)
            logger.warning("Cache error (%s): %s", name, error)
            return fallback()
        except Exception as error:
            if not unpicklable_is_a_miss:
                raise
            # A value written by other code (a rolling deploy: a model or field renamed since).
            self.breaker.succeeded(ticket)
            logger.warning("Cache value unreadable (%s): %r", name, error)
            return fallback()
        self.breaker.succeeded(ticket)
        return result

    def get(self, key, default=None, version=None):
        return self._call(
            "get", lambda: default, super().get, key, default, version, unpicklable_is_a_miss=True
        )

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, super().get_many, keys, version, unpicklable_is_a_miss=True)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", lambda: False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", lambda: False, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", lambda: list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", lambda: False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", lambda: False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", lambda: None, super().delete_many, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        """Counters (rate limits) fail open while the cache is down: as if the key had just been made.
        decr() is incr(-delta); get_or_set(), incr_version() and decr_version() are built on the methods
        here (Django's BaseCache), so they skip a down Redis the same way."""
        return self._call("incr", lambda: delta, super().incr, key, delta, version)

    def clear(self):
        return self._call("clear", lambda: False, super().clear)
