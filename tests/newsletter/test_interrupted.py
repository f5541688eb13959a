"""A send cut short by a dying worker: nothing is mailed twice, and nothing stays half done."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsletter.models import ArticleMailing, Delivery, Subscriber
from tests.newsletter.conftest import SIGNUP_URL, draft_article, make_subscriber, signup_data
from tests.worker.harness import task_queue  # noqa: F401 - a fixture

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("task_queue"),
]


def restart_killed_worker():
    """The worker that died with its task RUNNING starts again under its id and resumes that task."""
    call_command(
        "task_worker",
        *("--backend", "background", "--batch", "--no-startup-delay", "--heartbeat", "0"),
        *("--worker-id", "w1"),
        stdout=io.StringIO(),
    )


def test_an_interrupted_confirmation_email_is_not_sent_again_but_can_be_asked_for_again(client):
    client.post(SIGNUP_URL, signup_data("lezer@example.nl"))
    DBTaskResult.objects.get().claim("w1")  # then the worker was killed: sent or not, nobody knows

    restart_killed_worker()

    assert mail.outbox == []
    assert Subscriber.objects.get().last_mail_at is None  # the daily limit does not hold the visitor back
    client.post(SIGNUP_URL, signup_data("lezer@example.nl"))
    restart_killed_worker()
    assert [message.to for message in mail.outbox] == [["lezer@example.nl"]]


def test_a_resumed_announcement_gives_up_only_the_email_in_flight(news_index):
    for address in ["een@example.nl", "twee@example.nl", "drie@example.nl"]:
        make_subscriber(address)
    draft_article(news_index, title="Onderbroken").save_revision().publish()
    task = DBTaskResult.objects.get()
    task.claim("w1")
    # The killed run had prepared the deliveries, sent one and was handing the next to the mail server.
    ArticleMailing.objects.update(prepared_at=timezone.now(), status=ArticleMailing.Status.SENDING)
    now = timezone.now()
    for address, status in [("een@example.nl", "sent"), ("twee@example.nl", "sending")]:
        Delivery.objects.create(
            article=task_article(),
            subscriber=Subscriber.objects.get(email=address),
            status=status,
            claimed_at=now,
        )
    Delivery.objects.create(
        article=task_article(), subscriber=Subscriber.objects.get(email="drie@example.nl")
    )

    restart_killed_worker()

    assert [message.to for message in mail.outbox] == [["drie@example.nl"]]
    twee = Delivery.objects.get(subscriber__email="twee@example.nl")
    assert twee.status == Delivery.Status.FAILED
    assert "mogelijk toch afgeleverd" in twee.last_error
    assert ArticleMailing.objects.get().status == ArticleMailing.Status.DONE


def test_without_the_worker_the_periodic_job_finishes_a_mailing_whose_last_send_was_cut_short(news_index):
    subscriber = make_subscriber("lezer@example.nl")
    draft_article(news_index).save_revision().publish()  # queued; no worker runs it
    ArticleMailing.objects.update(prepared_at=timezone.now(), status=ArticleMailing.Status.SENDING)
    two_hours_ago = timezone.now() - datetime.timedelta(hours=2)
    Delivery.objects.create(
        article=task_article(), subscriber=subscriber, status="sending", claimed_at=two_hours_ago
    )

    call_command("send_newsletter", stdout=io.StringIO())

    assert Delivery.objects.get().status == Delivery.Status.FAILED
    assert ArticleMailing.objects.get().status == ArticleMailing.Status.DONE
    assert mail.outbox == []


def task_article():
    return ArticleMailing.objects.get().article
