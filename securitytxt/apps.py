from django.apps import AppConfig


class SecuritytxtConfig(AppConfig):
    name = "securitytxt"
    verbose_name = "security.txt"

    def ready(self):
        from securitytxt import checks  # noqa: F401 (registers the deploy checks)
