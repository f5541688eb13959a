"""When the cache was unreachable during a purge, purge everything once it is back."""

import datetime

from django.tasks import task
from django.utils import timezone

from pagecache import store

RETRY_EVERY = datetime.timedelta(minutes=1)
MAX_ATTEMPTS = 24 * 60


@task(backend="background")
def purge_all_when_cache_is_back(attempt: int = 1) -> None:
    if store.purge_all() or attempt >= MAX_ATTEMPTS:
        return
    if purge_all_when_cache_is_back.get_backend().supports_defer:
        purge_all_when_cache_is_back.using(run_after=timezone.now() + RETRY_EVERY).enqueue(attempt + 1)
