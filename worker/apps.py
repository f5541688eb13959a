from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkerConfig(AppConfig):
    """The background task worker that survives database outages and resumes interrupted tasks."""

    name = "worker"
    verbose_name = _("Achtergrondtaken")
