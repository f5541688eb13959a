import datetime

import pytest
from django.utils import timezone

from health import checks
from rediscache import backend as resilient
from worker.models import WorkerHeartbeat

LIVENESS = "/-/gezond/"
READINESS = "/-/klaar/"
# What a probe's answer must never show: exception text, addresses, paths, SQL.
LEAKS = [
    "Traceback",
    "Error",
    "refused",
    "127.0.0.1",
    "redis://",
    "pytest-of",  # tmp_path
    "/work",
    "SELECT",
    "sqlite",
    "psycopg",
]


@pytest.fixture(autouse=True)
def fresh_probes():
    """Each test starts without the previous probe's result (reused for a second) or open breakers."""
    checks.forget()
    resilient.forget_breakers()
    yield
    checks.forget()
    resilient.forget_breakers()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def production_tasks(settings):
    """Background tasks in the database, as in production: a task worker must be running."""
    settings.TASKS = {**settings.TASKS, "background": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.HEALTH_WORKER_MAX_AGE = 60


def heartbeat(seconds_ago: float, worker_id="web-1-worker") -> WorkerHeartbeat:
    seen = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    return WorkerHeartbeat.objects.create(worker_id=worker_id, hostname="geheim-host-7", last_seen=seen)
