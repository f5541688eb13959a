from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagecacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = _("Paginacache")

    def ready(self):
        from pagecache import checks  # noqa: F401 (registers the deployment check)
        from pagecache.signals import connect

        connect()
