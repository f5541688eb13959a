"""task_worker: which interrupted tasks it puts back in the queue, when it gives up, and its options."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories import ArticlePageFactory, make_subscriber
from worker import recovery
from worker.models import WorkerHeartbeat

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("task_queue"),
]

LEASE = datetime.timedelta(minutes=2)


def announce(news_index, title="Bericht"):
    ArticlePageFactory(
        parent=news_index, live=False, title=title, date=timezone.localdate()
    ).save_revision().publish()
    return DBTaskResult.objects.get(status="READY")


def interrupted(task, *worker_ids, minutes_ago=0):
    """The state a SIGKILL leaves: claimed (RUNNING) by each of these workers in turn, never finished."""
    for worker_id in worker_ids:
        task.claim(worker_id)
    started = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=started)
    task.refresh_from_db()
    return task


def task_worker(*args):
    call_command(
        "task_worker",
        "--backend",
        "background",
        "--batch",
        "--no-startup-delay",
        "--heartbeat",
        "0",
        *args,
        stdout=io.StringIO(),
    )


def test_at_start_up_the_worker_resumes_what_it_was_running_when_it_was_killed(news_index):
    make_subscriber("lezer@example.nl")
    task = interrupted(announce(news_index), "worker-1")

    task_worker("--worker-id", "worker-1")

    task.refresh_from_db()
    assert (task.status, task.worker_ids) == ("SUCCESSFUL", ["worker-1", "worker-1"])
    assert [message.to for message in mail.outbox] == [["lezer@example.nl"]]


def test_a_task_whose_worker_keeps_dying_is_given_up(news_index):
    make_subscriber("lezer@example.nl")
    task = interrupted(announce(news_index), *["worker-1"] * 3)

    task_worker("--worker-id", "worker-1", "--max-attempts", "3")

    task.refresh_from_db()
    assert task.status == "FAILED"
    assert task.exception_class_path == "worker.recovery.WorkerLost"
    assert "3 keer" in task.traceback
    assert mail.outbox == []


def test_only_tasks_of_workers_silent_for_longer_than_the_lease_are_queued_again(news_index):
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="levend", last_seen=now - datetime.timedelta(seconds=10))
    WorkerHeartbeat.objects.create(worker_id="stil", last_seen=now - datetime.timedelta(minutes=3))
    busy = interrupted(announce(news_index, "Lang bezig"), "levend", minutes_ago=30)
    silent = interrupted(announce(news_index, "Stil"), "stil", minutes_ago=30)
    # Claimed by a worker that writes no heartbeat (plain db_worker): judged by when it claimed the task.
    recent = interrupted(announce(news_index, "Net begonnen"), "oud-1", minutes_ago=1)
    old = interrupted(announce(news_index, "Lang geleden"), "oud-2", minutes_ago=3)
    mine = interrupted(announce(news_index, "Van mij"), "ik", minutes_ago=30)

    recovery.requeue_abandoned(backend_name="background", lease=LEASE, own_worker_id="ik", max_attempts=5)

    status = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert [status[task.pk] for task in (busy, silent, recent, old, mine)] == [
        "RUNNING",
        "READY",
        "RUNNING",
        "READY",
        "RUNNING",  # this worker's own task is running in its main thread
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--lease", "20", "--heartbeat", "10"], "--lease (20 s) moet minstens drie keer --heartbeat"),
        (["--retry-delay", "10", "--max-retry-delay", "5"], "--max-retry-delay minstens zo groot"),
        (["--exclude-queues", "a"], "--exclude-queues kan alleen samen met --queue-name='*'"),
    ],
)
def test_options_that_cannot_work_are_refused(options, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        task_worker(*options)
    assert not WorkerHeartbeat.objects.exists()
