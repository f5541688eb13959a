"""Production's settings for the gunicorn test, with plain static files (no collectstatic needed)."""

from site_project.settings.production import *  # noqa: F403

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
