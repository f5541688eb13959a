"""The worker waits out a database outage with backoff and goes on; a task the outage cut short runs again."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.db.utils import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from newsletter import mailings
from newsletter.models import ArticleMailing
from tests.factories import ArticlePageFactory, make_subscriber
from tests.worker.harness import WorkerDatabase, mails_per_recipient, wait_for
from tests.worker.proxy import OutageProxy
from tests.worker.test_command import task_worker

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("task_queue"),
]

LOST = "server closed the connection unexpectedly"


def publish(news_index, title):
    article = ArticlePageFactory(parent=news_index, live=False, title=title, date=timezone.localdate())
    article.save_revision().publish()
    return article


def run_worker(*args):
    task_worker("--retry-delay", "0.01", "--max-retry-delay", "0.05", *args)


def test_the_worker_loop_survives_lost_connections_and_goes_on(news_index, monkeypatch, caplog):
    make_subscriber("lezer@example.nl")
    publish(news_index, "Na de storing")
    failures = [OperationalError(LOST), OperationalError("connection refused")]
    claim = DBTaskResultQuerySet.get_locked

    def unreachable_twice(queryset):
        if failures:
            raise failures.pop(0)
        return claim(queryset)

    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", unreachable_twice)

    run_worker()

    assert [message.to for message in mail.outbox] == [["lezer@example.nl"]]
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["SUCCESSFUL"]
    retries = [
        record.getMessage() for record in caplog.records if "Database unavailable" in record.getMessage()
    ]
    assert len(retries) == 2 and LOST in retries[0]


def test_a_task_the_outage_cut_short_runs_again_instead_of_failing(news_index, monkeypatch):
    make_subscriber("een@example.nl")
    make_subscriber("twee@example.nl")
    article = publish(news_index, "Halverwege afgebroken")
    send_due = mailings._send_due
    calls = []

    def database_gone_once(*args):
        calls.append(args)
        if len(calls) == 1:
            raise OperationalError(LOST)
        return send_due(*args)

    monkeypatch.setattr(mailings, "_send_due", database_gone_once)

    run_worker()
    [task] = DBTaskResult.objects.all()
    assert task.status == "READY"  # not FAILED: it runs again once the database is back
    assert mail.outbox == []

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1)):
        run_worker()

    assert sorted(message.to[0] for message in mail.outbox) == ["een@example.nl", "twee@example.nl"]
    task.refresh_from_db()
    assert (task.status, len(task.worker_ids)) == ("SUCCESSFUL", 2)
    assert ArticleMailing.objects.get(article=article).status == ArticleMailing.Status.DONE


def test_a_worker_process_waits_out_a_postgresql_outage(news_index, workers, tmp_path):
    """A real outage: the worker reaches PostgreSQL through a relay that the test cuts and restores."""
    if connection.vendor != "postgresql":
        pytest.skip("a database server outage needs PostgreSQL: runs in the PostgreSQL pass")
    make_subscriber("lezer@example.nl")
    db = connection.settings_dict
    proxy = OutageProxy((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    proxy.start()
    database = WorkerDatabase(tmp_path)
    worker = workers(
        database.url(host="127.0.0.1", port=proxy.port),
        "worker-storing",
        "--retry-delay",
        "0.2",
        "--max-retry-delay",
        "1",
    )
    try:
        before = publish(news_index, "Voor de storing")
        wait_for(lambda: sent(before), "the first announcement", worker)

        proxy.cut()
        wait_for(lambda: worker.output().count("Database unavailable") >= 3, "retries in the outage", worker)
        during = publish(news_index, "Tijdens de storing")  # the site itself still reaches the database
        assert worker.alive()

        proxy.start()
        wait_for(lambda: sent(during), "the announcement published during the outage", worker)
    finally:
        proxy.cut()

    assert worker.alive()
    assert mails_per_recipient(tmp_path) == {"lezer@example.nl": 2}


def sent(article) -> bool:
    return ArticleMailing.objects.filter(article=article, status=ArticleMailing.Status.DONE).exists()
