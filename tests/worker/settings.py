"""Settings of the worker processes the tests start: production's, with every email written to a file."""

import os

from site_project.settings.production import *  # noqa: F403

MAILERS = {
    "default": {
        "BACKEND": "tests.worker.mail.StallingFileBackend",
        "OPTIONS": {"directory": os.environ["TEST_MAIL_DIR"]},
    }
}
