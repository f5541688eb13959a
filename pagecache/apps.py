from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagecacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = _("Paginacache")

    def ready(self):
        from pagecache import cdn

        cdn.connect()
