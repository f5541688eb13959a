from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitewideConfig(AppConfig):
    name = "sitewide"
    verbose_name = _("Site-instellingen")

    def ready(self):
        from sitewide import versions

        versions.connect()
