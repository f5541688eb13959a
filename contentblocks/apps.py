from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentBlocksConfig(AppConfig):
    name = "contentblocks"
    verbose_name = _("Inhoudsblokken")

    def ready(self):
        from contentblocks import documents

        documents.connect()
