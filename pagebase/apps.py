from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagebaseConfig(AppConfig):
    name = "pagebase"
    verbose_name = _("Pagina's")
