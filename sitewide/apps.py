from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitewideConfig(AppConfig):
    name = "sitewide"
    verbose_name = _("Site-instellingen")

    def ready(self):
        from sitewide import checks, versions  # noqa: F401 (they register the checks)

        versions.connect()
