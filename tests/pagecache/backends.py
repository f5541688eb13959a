from wagtail.contrib.frontend_cache.backends import BaseBackend

PURGED: list[str] = []


class RecordingBackend(BaseBackend):
    """A CDN stand-in that remembers which URLs it was asked to purge."""

    def purge(self, url):
        PURGED.append(url)
