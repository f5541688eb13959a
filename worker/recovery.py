"""Putting interrupted tasks back in the queue.

django_tasks_db marks a task RUNNING when a worker claims it and never looks at it again: if that worker is
killed (SIGKILL, out of memory, a reboot) or loses the database before it records the outcome, the task
stays RUNNING for ever. Here such a task goes back to READY, so a worker runs it again; the task sees
`context.attempt > 1` and must be safe to run again (the project's tasks are, see docs/worker.md). A task
that has been attempted `max_attempts` times is marked failed instead, so a task that kills its worker
every time cannot keep the queue busy.
"""

import datetime
import logging
import os
import socket

from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from worker.models import WorkerHeartbeat

logger = logging.getLogger("worker")

HEARTBEAT_RETENTION = datetime.timedelta(days=1)


class WorkerLost(Exception):
    """Recorded as the error of a task whose worker died too often while running it."""


def beat(worker_id: str) -> None:
    """Record that this worker is alive now."""
    now = timezone.now()
    fields = {"last_seen": now, "hostname": socket.gethostname()[:255], "pid": os.getpid()}
    if not WorkerHeartbeat.objects.filter(pk=worker_id).update(**fields):
        WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults=fields)


def sign_off(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(pk=worker_id).delete()


def _requeue(result: DBTaskResult, max_attempts: int) -> bool:
    """READY again, or FAILED after too many attempts; only if nobody else changed it meanwhile."""
    unchanged = DBTaskResult.objects.filter(
        pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
    )
    attempts = len(result.worker_ids)
    if attempts >= max_attempts:
        error = WorkerLost(f"De worker stopte {attempts} keer tijdens deze taak; niet opnieuw geprobeerd.")
        done = unchanged.update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            return_value=None,
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback=f"{WorkerLost.__qualname__}: {error}\n",
        )
        if done:
            logger.error("Task %s (%s) given up after %d attempts", result.pk, result.task_path, attempts)
        return bool(done)
    done = unchanged.update(status=TaskResultStatus.READY)
    if done:
        logger.warning(
            "Task %s (%s) was interrupted (worker %s); queued again",
            result.pk,
            result.task_path,
            result.worker_ids[-1] if result.worker_ids else "?",
        )
    return bool(done)


def _running(backend_name: str):
    return (
        DBTaskResult.objects.running()
        .filter(backend_name=backend_name)
        .only("id", "status", "started_at", "worker_ids", "task_path")
    )


def requeue_own(*, backend_name: str, worker_id: str, max_attempts: int) -> int:
    """Tasks left RUNNING under this worker's id while it runs none: at start-up (an earlier process with
    the same id was killed) and after a database outage cut a task short."""
    return sum(
        _requeue(result, max_attempts)
        for result in _running(backend_name)
        if result.worker_ids[-1:] == [worker_id]
    )


def requeue_abandoned(
    *, backend_name: str, lease: datetime.timedelta, own_worker_id: str, max_attempts: int
) -> int:
    """Tasks of other workers that have shown no sign of life for longer than the lease.

    The sign of life is the worker's heartbeat, or the moment it claimed the task for a worker that never
    wrote one (plain `db_worker`): such a worker's task counts as abandoned once it ran longer than the lease.
    """
    now = timezone.now()
    WorkerHeartbeat.objects.filter(last_seen__lt=now - HEARTBEAT_RETENTION).delete()
    seen = dict(WorkerHeartbeat.objects.values_list("worker_id", "last_seen"))
    count = 0
    for result in _running(backend_name):
        last_worker = result.worker_ids[-1] if result.worker_ids else ""
        if last_worker == own_worker_id:
            continue
        signs = [moment for moment in (seen.get(last_worker), result.started_at) if moment is not None]
        if not signs or max(signs) < now - lease:
            count += _requeue(result, max_attempts)
    return count


def requeue_failed_by_outage(result: DBTaskResult, *, retry_at: datetime.datetime, max_attempts: int) -> bool:
    """A task that failed because the database went away did not finish its work: run it again later."""
    if len(result.worker_ids) >= max_attempts:
        return False
    done = DBTaskResult.objects.filter(
        pk=result.pk, status=TaskResultStatus.FAILED, finished_at=result.finished_at
    ).update(status=TaskResultStatus.READY, run_after=retry_at, finished_at=None)
    if done:
        logger.warning("Task %s (%s) lost the database; queued again", result.pk, result.task_path)
    return bool(done)
