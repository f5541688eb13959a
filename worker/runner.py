"""django_tasks_db's worker, made to survive database outages and to resume interrupted tasks.

Relies on django_tasks_db's `Worker` class (its constructor, `run`, `run_task`, `running`): an internal
API, checked by tests/worker/test_contract.py so an upgrade that changes it fails with a clear message.
"""

import contextlib
import datetime
import logging
import random
import threading
import time

from django.db import connections
from django.db.utils import DatabaseError, InterfaceError, OperationalError
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from worker import recovery

logger = logging.getLogger("worker")

# What a lost or refused database connection raises (psycopg: "server closed the connection", "connection
# refused", "terminating connection due to administrator command"; SQLite: "unable to open database file").
OUTAGE_ERRORS = (OperationalError, InterfaceError)
OUTAGE_ERROR_PATHS = {f"{error.__module__}.{error.__qualname__}" for error in OUTAGE_ERRORS}


def close_connections() -> None:
    """Drop this thread's connections (they may be broken); the next query opens a fresh one."""
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(DatabaseError):
            connection.close()


class Heartbeat(threading.Thread):
    """Every `interval` seconds: record that this worker is alive, and re-queue the tasks of workers that
    have not done so for longer than the lease. A thread, so a long task does not stop the beat."""

    def __init__(
        self, *, worker_id: str, backend_name: str, interval: float, lease: float, max_attempts: int
    ):
        super().__init__(name="task-worker-heartbeat", daemon=True)
        self.worker_id, self.backend_name, self.max_attempts = worker_id, backend_name, max_attempts
        self.interval, self.lease = interval, datetime.timedelta(seconds=lease)
        self.healthy_since: float | None = None
        self.stopping = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopping.is_set():
                self.tick()
                self.stopping.wait(self.interval)
        finally:
            close_connections()

    def tick(self) -> None:
        try:
            recovery.beat(self.worker_id)
            now = time.monotonic()
            if self.healthy_since is None:
                self.healthy_since = now
            # After an outage every live worker needs a beat or two to be seen again: wait before judging.
            if now - self.healthy_since >= 2 * self.interval:
                recovery.requeue_abandoned(
                    backend_name=self.backend_name,
                    lease=self.lease,
                    own_worker_id=self.worker_id,
                    max_attempts=self.max_attempts,
                )
        except OUTAGE_ERRORS as error:
            if self.healthy_since is not None:
                logger.warning("Heartbeat of worker %s failed: %s", self.worker_id, error)
            self.healthy_since = None
            close_connections()
        except Exception:  # noqa: BLE001 - a dead heartbeat would make the others re-run this worker's task
            logger.exception("Heartbeat of worker %s failed", self.worker_id)
            close_connections()

    def stop(self) -> None:
        self.stopping.set()
        if self.is_alive():
            self.join(timeout=max(5.0, 2 * self.interval))


class ResilientWorker(Worker):
    def __init__(
        self,
        *,
        lease: float,
        heartbeat: float,
        max_attempts: int,
        retry_delay: float,
        max_retry_delay: float,
        **options,
    ):
        super().__init__(**options)
        self.lease, self.heartbeat_interval, self.max_attempts = lease, heartbeat, max_attempts
        self.retry_delay, self.max_retry_delay = retry_delay, max_retry_delay

    def run(self) -> None:
        heartbeat = None
        if self.heartbeat_interval:
            heartbeat = Heartbeat(
                worker_id=self.worker_id,
                backend_name=self.backend_name,
                interval=self.heartbeat_interval,
                lease=self.lease,
                max_attempts=self.max_attempts,
            )
            heartbeat.start()
        delay = self.retry_delay
        try:
            while True:
                try:
                    recovery.requeue_own(
                        backend_name=self.backend_name,
                        worker_id=self.worker_id,
                        max_attempts=self.max_attempts,
                    )
                    delay = self.retry_delay  # the database answers again
                    super().run()
                    return
                except OUTAGE_ERRORS as error:
                    wait = delay * random.uniform(0.8, 1.2)  # noqa: S311 - spreads reconnecting workers
                    logger.warning(
                        "Database unavailable (%s); worker %s retries in %.1f s",
                        str(error).strip() or type(error).__name__,
                        self.worker_id,
                        wait,
                    )
                    close_connections()
                    time.sleep(wait)
                    delay = min(delay * 2, self.max_retry_delay)
        finally:
            if heartbeat is not None:
                heartbeat.stop()
            with contextlib.suppress(DatabaseError):
                recovery.sign_off(self.worker_id)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        # The task itself failed because the database went away (and the failure could be recorded):
        # its work is unfinished, so it runs again once the database is back, like an interrupted task.
        if (
            db_task_result.status == TaskResultStatus.FAILED
            and db_task_result.exception_class_path in OUTAGE_ERROR_PATHS
        ):
            retry_at = timezone.now() + datetime.timedelta(seconds=self.max_retry_delay)
            # If the database is still away the task stays failed; the periodic jobs catch up (docs/worker.md).
            with contextlib.suppress(*OUTAGE_ERRORS):
                recovery.requeue_failed_by_outage(
                    db_task_result, retry_at=retry_at, max_attempts=self.max_attempts
                )
