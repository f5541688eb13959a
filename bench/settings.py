"""The production settings plus the bench's trivial view (bench/urls.py). Used only by bench/run.py: the
site's own URLs (site_project/urls.py) never carry it."""

from site_project.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
