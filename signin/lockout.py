"""Wrong codes lock out like wrong passwords.

A wrong code is reported to django-axes as a failed sign-in for that username (so it counts towards the
username-and-address lockout of the password form) and counted per account in the cache. That count is not
reset by a correct password, so knowing the password doesn't buy more guesses; AXES_FAILURE_LIMIT wrong
codes within AXES_COOLOFF_TIME end the session and block the second step until the time has passed.
"""

import logging

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed

from security import ratelimit

logger = logging.getLogger("signin")


def _key(user) -> str:
    return f"signin:wrong-codes:{user.pk}"


def _window() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def is_locked(request, user) -> bool:
    from django.core.cache import cache

    if (cache.get(_key(user)) or 0) >= settings.AXES_FAILURE_LIMIT:
        return True
    return bool(settings.AXES_ENABLED) and AxesProxyHandler.is_locked(
        request, {"username": user.get_username()}
    )


def wrong_code(request, user) -> bool:
    """Record a wrong code; whether the account is now locked."""
    count = ratelimit.hit(_key(user), _window())
    logger.warning("Wrong sign-in code for user %s (%s in a row)", user.pk, count)
    user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
    return is_locked(request, user)


def right_code(user) -> None:
    ratelimit.reset(_key(user))
