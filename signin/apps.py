from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigninConfig(AppConfig):
    name = "signin"
    verbose_name = _("Inloggen")

    def ready(self):
        from signin import checks  # noqa: F401 (registers the checks)
