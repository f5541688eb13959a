"""A worker killed (SIGKILL) while it sends an announcement: the task is resumed, nobody gets two emails."""

import pytest
from django.utils import timezone

from tests.factories import ArticlePageFactory, make_subscriber
from tests.worker.harness import WorkerDatabase, mails_per_recipient, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

READERS = [f"lezer{number}@example.nl" for number in range(1, 9)]
INTERRUPTED_NOTE = "Onderbroken tijdens het verzenden"


@pytest.fixture
def announcement(news_index, settings, tmp_path):
    """An article published for eight subscribers: its announcement waits in the production task queue."""
    settings.TASKS = {**settings.TASKS, "background": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for address in READERS:
        make_subscriber(address)
    article = ArticlePageFactory(
        parent=news_index, live=False, title="Nieuwe wijkteams", date=timezone.localdate()
    )
    article.save_revision().publish()
    database = WorkerDatabase(tmp_path)
    database.share()
    assert database.task_statuses() == ["READY"]
    return database


def kill_while_sending(workers, database, tmp_path, when: str):
    """Start a worker whose third email hangs (`when` it is written or just before), then SIGKILL it."""
    first = workers(database.url(), "worker-een", TEST_MAIL_STALL_AT="3", TEST_MAIL_STALL=when)
    wait_for((tmp_path / "stalled").exists, "the third email", first)
    first.kill()
    # What the issue found: the task stays RUNNING, one delivery is claimed and was never recorded as sent.
    assert database.task_statuses() == ["RUNNING"]
    assert sorted(status for status, _ in database.deliveries().values()).count("sending") == 1
    return first


def test_restarted_worker_resumes_the_task_and_nobody_gets_two_emails(workers, announcement, tmp_path):
    """The email in flight had reached the mail server when the worker died (the worst case for doubles)."""
    first = kill_while_sending(workers, announcement, tmp_path, when="after")
    assert sum(mails_per_recipient(tmp_path).values()) == 3

    # Restarted under the same id (as systemd restarts it): it re-queues its own task at start-up.
    second = workers(announcement.url(), "worker-een")
    wait_for(announcement.mailing_done, "the announcement to finish", first, second)

    assert mails_per_recipient(tmp_path) == dict.fromkeys(READERS, 1)
    statuses = sorted(status for status, _ in announcement.deliveries().values())
    assert statuses == ["failed"] + ["sent"] * 7  # the one in flight: not known to be sent, not sent again
    assert announcement.task_statuses() == ["SUCCESSFUL"]
    assert "interrupted" in second.output()


def test_another_worker_takes_over_after_the_lease_and_sends_nothing_twice(workers, announcement, tmp_path):
    """The email in flight had not reached the mail server: at most once means that reader misses it."""
    first = kill_while_sending(workers, announcement, tmp_path, when="before")
    sent_before = mails_per_recipient(tmp_path)
    assert sum(sent_before.values()) == 2

    # A different worker: it sees the first one's heartbeat stop and re-queues the task after the lease.
    second = workers(announcement.url(), "worker-twee")
    wait_for(announcement.mailing_done, "the announcement to finish", first, second)

    deliveries = announcement.deliveries()
    [missed] = [address for address, (status, _) in deliveries.items() if status == "failed"]
    assert INTERRUPTED_NOTE in deliveries[missed][1]  # what the administrator sees for that reader
    assert mails_per_recipient(tmp_path) == {address: 1 for address in READERS if address != missed}
    assert announcement.task_statuses() == ["SUCCESSFUL"]
