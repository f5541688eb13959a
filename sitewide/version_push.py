"""The content version pushed to each process by PostgreSQL (LISTEN/NOTIFY), with CONTENT_VERSION_PUSH on.

Off (the default), every request reads the version from its row: a change made by any process shows on the
very next request everywhere, at one query per request. On, each process keeps a connection of its own that
listens on CHANNEL; every move of the version notifies it (versions._move_on, in the transaction that moves
it), and a request only looks whether a notification has arrived: a page cache hit asks the database nothing.
A change then shows on every request that starts once the notification arrived, tens of microseconds after
the commit (docs/architecture.md has the figures). While the listening connection is down, requests read the
row as with the setting off; the row is also read again every CONTENT_VERSION_RESYNC_SECONDS (5), in case a
connection died without a word.
"""

import contextlib
import logging
import os
import threading
import time

import psycopg
from django.conf import settings
from django.db import connection

CHANNEL = "nieuwsroom_content_version"
APPLICATION_NAME = "nieuwsroom content version listener"  # how pg_stat_activity names these connections
RETRY_SECONDS = 5.0  # after a failure, requests read the row for this long before listening again
logger = logging.getLogger(__name__)


def enabled() -> bool:
    return getattr(settings, "CONTENT_VERSION_PUSH", False) and connection.vendor == "postgresql"


def notify(cursor, token: str) -> None:
    """Tell every listening process about `token`; delivered when the caller's transaction commits."""
    if connection.vendor == "postgresql":
        cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, token])


def resync_seconds() -> float:
    return getattr(settings, "CONTENT_VERSION_RESYNC_SECONDS", 5.0)


class Listener:
    def __init__(self):
        self.lock = threading.Lock()
        self.conn = None
        self.pid = os.getpid()
        self.token = ""
        self.synced = 0.0
        self.stale = True  # read the row on the next request
        self.failed = -RETRY_SECONDS

    def current(self, table: str) -> str:
        """The version as last pushed, or "" when it is not known this way (the caller reads the row)."""
        with self.lock:
            if self.pid != os.getpid():  # a forked worker: the parent's connection is not its to use
                self.conn, self.pid, self.token, self.failed = None, os.getpid(), "", -RETRY_SECONDS
            now = time.monotonic()
            try:
                if self.conn is None:
                    if now - self.failed < RETRY_SECONDS:
                        return ""
                    self.connect()
                if self.stale or now - self.synced >= resync_seconds():
                    self.stale = False  # before the read: a move made meanwhile asks for another one
                    self.sync(table, now)
                else:
                    self.drain()
            except psycopg.Error:
                logger.warning(
                    "Listening for the content version failed; requests read it meanwhile", exc_info=True
                )
                self.drop(now)
                return ""
            return self.token

    def connect(self) -> None:
        # Django's own parameters for this database (pinned by tests/contracts): same server, same options.
        params = {
            **connection.get_connection_params(),
            "autocommit": True,
            "application_name": APPLICATION_NAME,
        }
        params.setdefault("tcp_user_timeout", 3000)  # a dead network fails a read in 3 s, not 15 minutes
        self.conn = psycopg.connect(**params)
        self.conn.execute(f"LISTEN {CHANNEL}")
        self.stale = True

    def sync(self, table: str, now: float) -> None:
        """Read the row, then take the notifications that arrived meanwhile. Listening began before the read,
        so no later move is missed. One of them may be older than what the read found (its commit came first
        but its notification arrived during the read); the newer one's notification then follows it, as
        closely as any notification follows its commit."""
        row = self.conn.execute(f"SELECT token FROM {table} WHERE id = 1").fetchone()  # noqa: S608 - ours
        self.token = row[0] if row else ""
        self.synced = now
        self.drain()

    def drain(self) -> None:
        for notification in self.conn.notifies(timeout=0):
            self.token = notification.payload

    def drop(self, now: float) -> None:
        conn, self.conn, self.token, self.failed = self.conn, None, "", now
        if conn is not None and self.pid == os.getpid():  # never end a parent's session from a child
            with contextlib.suppress(psycopg.Error):
                conn.close()

    def moved(self) -> None:
        """This process moved the version on: read the row on its next request rather than wait for the
        notification, which arrives a moment after the commit."""
        self.stale = True

    def stop(self) -> None:
        with self.lock:
            self.drop(-RETRY_SECONDS)


listener = Listener()
