"""`task_worker` as a separate process against the test database, as production runs it."""

import email
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from tests.tools import ROOT


class WorkerDatabase:
    """The test database as a worker process sees it.

    PostgreSQL: the test database itself (the tests commit: transaction=True). SQLite: pytest-django's test
    database lives in this process's memory, so `share()` copies it to a file once the test has written what
    the worker needs, and the test reads the outcome from that file.
    """

    def __init__(self, tmp_path: Path):
        self.sqlite_file = tmp_path / "worker.sqlite3" if connection.vendor == "sqlite" else None

    def share(self) -> None:
        if self.sqlite_file:
            connection.ensure_connection()
            target = sqlite3.connect(self.sqlite_file)
            connection.connection.backup(target)
            target.close()

    def url(self, host: str | None = None, port: int | None = None) -> str:
        if self.sqlite_file:
            return f"sqlite:///{self.sqlite_file}"
        db = connection.settings_dict
        host, port = host or db["HOST"] or "127.0.0.1", port or db["PORT"] or 5432
        return f"postgres://{db['USER']}:{db['PASSWORD']}@{host}:{port}/{db['NAME']}"

    def rows(self, sql: str) -> list[tuple]:
        if self.sqlite_file:
            with sqlite3.connect(self.sqlite_file, timeout=10) as db:
                return db.execute(sql).fetchall()
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    def value(self, sql: str):
        rows = self.rows(sql)
        return rows[0][0] if rows else None

    def deliveries(self) -> dict[str, tuple[str, str]]:
        """Address → (status, last error) of every announcement email."""
        return {
            address: (status, error)
            for address, status, error in self.rows(
                "SELECT s.email, d.status, d.last_error FROM newsletter_delivery d "
                "JOIN newsletter_subscriber s ON s.id = d.subscriber_id"
            )
        }

    def task_statuses(self) -> list[str]:
        return sorted(row[0] for row in self.rows("SELECT status FROM django_tasks_database_dbtaskresult"))

    def mailing_done(self) -> bool:
        return self.value("SELECT status FROM newsletter_articlemailing") == "done"


class WorkerProcess:
    def __init__(self, database_url: str, tmp_path: Path, worker_id: str, *args: str, **env: str):
        self.worker_id = worker_id
        self.log = tmp_path / f"{worker_id}-{time.monotonic_ns()}.log"
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.worker.settings",
            "DATABASE_URL": database_url,
            "SECRET_KEY": "worker-test-" + "k" * 40,
            "ALLOWED_HOSTS": "127.0.0.1",
            "NEWSLETTER_BASE_URL": "https://nieuws.example.nl",
            "TEST_MAIL_DIR": str(tmp_path / "mail"),
            "TEST_MAIL_STALL_FILE": str(tmp_path / "stalled"),
            **env,
        }
        environment.pop("REDIS_URL", None)
        command = [
            sys.executable,
            "manage.py",
            "task_worker",
            "--backend",
            "background",
            "--worker-id",
            worker_id,
            "--no-startup-delay",
            "--interval",
            "0.2",
            "--heartbeat",
            "0.5",
            "--lease",
            "2",
            *args,
        ]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own command line
                command, env=environment, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
            )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: no clean-up at all, as the kernel's OOM killer or a power cut does it."""
        if self.alive():
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_for(condition, what: str, *processes: WorkerProcess, timeout: float = 120) -> None:
    """Poll until `condition()` holds; a generous limit only keeps a broken worker from hanging the suite."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            logs = "\n".join(f"--- {p.worker_id}:\n{p.output()[-3000:]}" for p in processes)
            pytest.fail(f"gave up waiting for {what}\n{logs}")
        time.sleep(0.1)


def mails_per_recipient(tmp_path: Path) -> Counter:
    """How many emails each address got, from the .eml files the worker processes wrote."""
    return Counter(
        email.message_from_bytes(path.read_bytes())["To"] for path in (tmp_path / "mail").glob("*.eml")
    )


@pytest.fixture
def task_queue(settings):
    """The production task backend (a queue in the database); the worker's signal handlers undone after."""
    settings.TASKS = {**settings.TASKS, "background": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    handlers = {
        number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
    }
    yield
    for number, handler in handlers.items():
        signal.signal(number, handler)
