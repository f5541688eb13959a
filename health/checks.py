"""What the readiness probe checks: the database, the cache, the media storage and the task worker's heartbeat.

Each check reports `status` ("ok" or "fail"), `duration_ms` and, when it failed, a fixed `reason` word; never
exception text, host names or paths (those go to the log, once per change of state). Every check is bounded
by its dependency's own timeout: the statement timeout set here (PostgreSQL), `connect_timeout` in the
database options (production.py), the Redis cache's socket timeouts and circuit breaker (rediscache/backend.py).

One check runs at a time per process. A probe that arrives meanwhile waits at most WAIT_SECONDS and then
gets that check's result; one that arrives within REUSE_SECONDS after it gets the same result. So a flood of
probes, or a dependency that hangs, costs at most one waiting thread per process.
"""

import contextlib
import logging
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Max
from django.utils import timezone

from worker.models import WorkerHeartbeat

WAIT_SECONDS = 2.0
REUSE_SECONDS = 1.0
QUERY_CANCELED = "57014"  # PostgreSQL's code for a statement cancelled by statement_timeout
WORKER_BACKEND = "django_tasks_db.DatabaseBackend"  # the backend whose tasks `task_worker` runs
logger = logging.getLogger(__name__)

_lock = threading.Lock()
_last: dict = {"at": None, "result": None}
_failing: set[str] = set()


class Failed(Exception):
    def __init__(self, reason: str, **extra):
        super().__init__(reason)
        self.reason, self.extra = reason, extra


def readiness() -> dict:
    """{"status": "ok"|"fail", "checks": {...}}; "ok" only when every check passed."""
    if not _lock.acquire(timeout=WAIT_SECONDS):
        return {"status": "fail", "reason": "busy"}  # the running check waits for a dependency: don't pile up
    try:
        at = _last["at"]
        if at is not None and time.monotonic() - at < REUSE_SECONDS:
            return _last["result"]
        checks = run_checks()
        result = {"status": "ok" if all(c["status"] == "ok" for c in checks.values()) else "fail"}
        result["checks"] = checks
        _last.update(at=time.monotonic(), result=result)
        return result
    finally:
        _lock.release()


def forget() -> None:
    """Forget the last result (tests)."""
    _last.update(at=None, result=None)
    _failing.clear()


def run_checks() -> dict:
    checks = {}
    database_ok = _run(checks, "database", check_database)
    _run(checks, "cache", check_cache)
    _run(checks, "storage", check_storage)
    if worker_checked():
        if database_ok:
            _run(checks, "worker", check_worker)
        else:
            checks["worker"] = {"status": "fail", "duration_ms": 0.0, "reason": "unavailable"}
    return checks


def _run(checks: dict, name: str, check) -> bool:
    started = time.perf_counter()
    extra, reason, problem = {}, None, None
    try:
        extra = check() or {}
    except Failed as failed:
        reason, extra, problem = failed.reason, failed.extra, failed.reason
    except Exception as error:  # noqa: BLE001 - whatever a dependency raises, the probe answers
        reason, problem = _reason(name, error), error
    result = {"status": "ok" if reason is None else "fail", "duration_ms": _ms(started)}
    if reason:
        result["reason"] = reason
    checks[name] = {**result, **extra}
    _note(name, problem)
    return reason is None


def _reason(name: str, error: Exception) -> str:
    if getattr(error.__cause__, "sqlstate", None) == QUERY_CANCELED:
        return "timeout"
    return "unwritable" if name == "storage" else "unavailable"


def _note(name: str, problem) -> None:
    """Log a check's failure once when it starts failing, and once when it passes again."""
    if problem is None:
        if name in _failing:
            _failing.discard(name)
            logger.warning("Readiness check %s passes again", name)
    elif name not in _failing:
        _failing.add(name)
        detail = problem if isinstance(problem, str) else f"{type(problem).__name__}: {problem}"
        logger.warning("Readiness check %s fails (%s)", name, detail)


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


@contextlib.contextmanager
def bounded_queries():
    """Queries under a statement timeout (PostgreSQL: SET LOCAL, so it ends with this transaction). SQLite
    gets no transaction: with transaction_mode IMMEDIATE, BEGIN would wait for any writer."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        yield connection
        return
    milliseconds = max(1, int(settings.HEALTH_DB_TIMEOUT * 1000))
    with transaction.atomic(using=DEFAULT_DB_ALIAS), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('statement_timeout', %s, true)", [str(milliseconds)])
        yield connection


def check_database():
    with bounded_queries() as connection, connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise Failed("unavailable")


def check_cache():
    """A write, a read and a delete of a key of its own. The Redis cache reports nothing while it is down
    (rediscache/backend.py): a value that does not come back is the failure."""
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=30)
    found = cache.get(key)
    cache.delete(key)
    if found != value:
        raise Failed("unavailable")


def check_storage():
    """Write, read back and delete a small file with the default storage (MEDIA_ROOT): a full or read-only
    disk, or a lost mount, fails here. The name starts with a dot and lies outside the served image folders."""
    content = uuid.uuid4().hex.encode()
    name = default_storage.save(f".gereedheid-{uuid.uuid4().hex}.tmp", ContentFile(content))
    try:
        with default_storage.open(name, "rb") as file:
            found = file.read()
    finally:
        default_storage.delete(name)
    if found != content:
        raise Failed("unwritable")


def worker_checked() -> bool:
    """Only where a worker must run: the background tasks go to the database (production)."""
    backend = settings.TASKS.get("background", {}).get("BACKEND")
    return settings.HEALTH_WORKER_MAX_AGE > 0 and backend == WORKER_BACKEND


def check_worker():
    """The newest heartbeat of any `task_worker` is at most HEALTH_WORKER_MAX_AGE seconds old."""
    with bounded_queries():
        newest = WorkerHeartbeat.objects.aggregate(newest=Max("last_seen"))["newest"]
    if newest is None:
        raise Failed("missing")
    age = max(0, int((timezone.now() - newest).total_seconds()))
    if age > settings.HEALTH_WORKER_MAX_AGE:
        raise Failed("stale", age_s=age)
    return {"age_s": age}
