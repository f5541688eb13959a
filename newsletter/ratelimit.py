"""A fixed-window rate limit per client address, kept in the cache (use a shared cache in production)."""

import ipaddress

from django.conf import settings
from django.core.cache import cache

from newsletter import conf


def client_ip(request) -> str:
    """The visitor's address: REMOTE_ADDR, or the entry a trusted proxy added to CLIENT_IP_HEADER.

    With TRUSTED_PROXY_COUNT proxies each appending to e.g. X-Forwarded-For, the client is the
    TRUSTED_PROXY_COUNT-th address from the right; everything left of it can be forged by the client.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header:
        meta_key = "HTTP_" + header.upper().replace("-", "_")
        hops = [part.strip() for part in request.META.get(meta_key, "").split(",") if part.strip()]
        count = max(1, getattr(settings, "TRUSTED_PROXY_COUNT", 1))
        if len(hops) >= count:
            remote = hops[-count]
    try:
        address = ipaddress.ip_address(remote)
    except ValueError:
        return "onbekend"
    if address.version == 6:
        # One household or phone usually has a whole /64.
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


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
