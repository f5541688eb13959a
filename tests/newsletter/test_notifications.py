"""Announcing articles: first publication only, matching confirmed subscribers only, once, with retries."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsletter.models import ArticleMailing, Delivery, Subscriber
from tests.newsletter.conftest import BASE_URL, draft_article, make_subscriber

pytestmark = pytest.mark.django_db

DOWN = {"default": {"BACKEND": "tests.newsletter.backends.DownBackend"}}
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@pytest.fixture
def audience():
    make_subscriber("alles@example.nl")
    make_subscriber("jeugd@example.nl", topics=["jeugdzorg", "wonen"])
    make_subscriber("wonen@example.nl", topics=["wonen"])
    make_subscriber("wacht@example.nl", confirmed=False)
    gone = make_subscriber("weg@example.nl")
    gone.withdraw("link")


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_publish_mails_each_matching_confirmed_subscriber_exactly_once(news_index, audience, publish):
    article = draft_article(
        news_index,
        title="Jeugdhulp dichter bij huis",
        intro="Gemeenten bundelen de jeugdhulp. Wachtlijsten worden korter. Meer volgt.",
        tags=["Jeugdzorg"],
    )

    publish(article)

    assert recipients() == ["alles@example.nl", "jeugd@example.nl"]
    message = next(m for m in mail.outbox if m.to == ["jeugd@example.nl"])
    assert message.subject == "Nieuw artikel: Jeugdhulp dichter bij huis"
    assert "Gemeenten bundelen de jeugdhulp. Wachtlijsten worden korter." in message.body
    assert f"{BASE_URL}/nieuws/jeugdhulp-dichter-bij-huis/" in message.body
    assert "aangemeld voor nieuws over: jeugdzorg" in message.body
    assert "/blijf-op-de-hoogte/afmelden/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [(html, _)] = message.alternatives
    assert "Jeugdhulp dichter bij huis" in html
    assert f'href="{BASE_URL}/nieuws/jeugdhulp-dichter-bij-huis/"' in html
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 2
    assert ArticleMailing.objects.get(article=article).status == ArticleMailing.Status.DONE


def test_no_mail_on_republish_or_after_unpublish_and_publish_again(news_index, audience, publish):
    article = publish(draft_article(news_index, tags=["wonen"]))
    assert len(mail.outbox) == 3

    article.title = "Bijgewerkte titel"
    publish(article)
    article.unpublish()
    publish(article)

    assert len(mail.outbox) == 3
    assert ArticleMailing.objects.count() == 1


def test_drafts_scheduled_and_private_articles_mail_nobody(news_index, audience, publish):
    draft = draft_article(news_index, title="Concept")
    draft.save_revision()

    scheduled = draft_article(news_index, title="Later")
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=1)
    publish(scheduled)
    assert not scheduled.live

    private = draft_article(news_index, title="Besloten")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    publish(private)

    assert mail.outbox == []
    assert ArticleMailing.objects.get(article=private).status == ArticleMailing.Status.SKIPPED


def test_scheduled_article_is_announced_when_it_goes_live(
    news_index, audience, publish, django_capture_on_commit_callbacks
):
    article = draft_article(news_index, title="Gepland", tags=["wonen"])
    article.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    publish(article)
    assert mail.outbox == []

    later = time_machine.travel(timezone.now() + datetime.timedelta(hours=2))
    with later, django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")

    assert recipients() == ["alles@example.nl", "jeugd@example.nl", "wonen@example.nl"]


def test_an_imported_archive_article_mails_nobody(news_index, audience, publish):
    publish(draft_article(news_index, date=timezone.localdate() - datetime.timedelta(days=30)))

    assert mail.outbox == []
    assert "te oud" in ArticleMailing.objects.get().note


def test_unpublished_before_the_worker_runs_mails_nobody(
    news_index, audience, django_capture_on_commit_callbacks
):
    article = draft_article(news_index)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article.save_revision().publish()
    article.refresh_from_db()
    article.unpublish()
    for callback in callbacks:
        callback()

    assert mail.outbox == []
    assert ArticleMailing.objects.get().status == ArticleMailing.Status.SKIPPED


def test_mail_server_down_publish_succeeds_and_sending_is_retried(news_index, audience, publish, settings):
    settings.MAILERS = DOWN
    published_at = timezone.now()

    with time_machine.travel(published_at, tick=False):
        article = publish(draft_article(news_index, title="Tijdens de storing", tags=["wonen"]))

    assert article.live
    assert mail.outbox == []
    deliveries = Delivery.objects.filter(article=article)
    assert deliveries.count() == 3
    assert set(deliveries.values_list("status", flat=True)) == {Delivery.Status.PENDING}
    assert set(deliveries.values_list("attempts", flat=True)) == {1}
    assert all("mailserver onbereikbaar" in d.last_error for d in deliveries)
    assert all(d.next_attempt_at == published_at + datetime.timedelta(minutes=5) for d in deliveries)

    # Still down at the first retry: the next one is later.
    with time_machine.travel(published_at + datetime.timedelta(minutes=6), tick=False):
        call_command("send_newsletter")
    assert set(deliveries.values_list("attempts", flat=True)) == {2}

    # The server is back: the periodic job sends each email once.
    settings.MAILERS = LOCMEM
    with time_machine.travel(published_at + datetime.timedelta(minutes=10), tick=False):
        call_command("send_newsletter")
    assert mail.outbox == []  # not due yet (15 minutes after the second failure)
    with time_machine.travel(published_at + datetime.timedelta(minutes=30), tick=False):
        call_command("send_newsletter")
        call_command("send_newsletter")
    assert recipients() == ["alles@example.nl", "jeugd@example.nl", "wonen@example.nl"]
    assert ArticleMailing.objects.get(article=article).status == ArticleMailing.Status.DONE


def test_a_delivery_gives_up_after_the_last_retry(news_index, audience, publish, settings):
    settings.MAILERS = DOWN
    settings.NEWSLETTER_RETRY_DELAYS = [60]
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        publish(draft_article(news_index, tags=["wonen"]))
    with time_machine.travel(start + datetime.timedelta(minutes=2), tick=False):
        call_command("send_newsletter")
        call_command("send_newsletter")

    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.FAILED}
    assert ArticleMailing.objects.get().status == ArticleMailing.Status.DONE


def test_a_refused_address_does_not_stop_the_others(news_index, publish, settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.newsletter.backends.RefusingBackend"}}
    make_subscriber("geweigerd@example.nl")
    make_subscriber("ok@example.nl")

    publish(draft_article(news_index))

    assert recipients() == ["ok@example.nl"]
    refused = Delivery.objects.get(subscriber__email="geweigerd@example.nl")
    assert refused.status == Delivery.Status.FAILED
    assert refused.attempts == 1


def test_one_delivery_per_article_and_subscriber_is_enforced_by_the_database(news_index, publish):
    subscriber = make_subscriber("een@example.nl")
    article = publish(draft_article(news_index))

    with pytest.raises(IntegrityError):
        Delivery.objects.create(article=article, subscriber=subscriber)


@pytest.fixture
def db_worker(monkeypatch):
    """Run `db_worker --batch` inside the test's transaction (it would otherwise close the connection)."""
    from django_tasks_db.management.commands import db_worker as command

    monkeypatch.setattr(command, "close_old_connections", lambda: None)
    return lambda: call_command(
        "db_worker", "--backend", "background", "--batch", "--no-startup-delay", verbosity=0
    )


def test_production_worker_backend_sends_in_the_background(
    news_index, audience, publish, settings, db_worker
):
    settings.TASKS = {**settings.TASKS, "background": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    article = publish(draft_article(news_index, tags=["wonen"]))

    assert mail.outbox == []  # publishing only enqueued the work
    assert DBTaskResult.objects.count() == 1

    db_worker()

    assert recipients() == ["alles@example.nl", "jeugd@example.nl", "wonen@example.nl"]
    assert ArticleMailing.objects.get(article=article).status == ArticleMailing.Status.DONE


def test_worker_backend_retries_by_itself_after_a_failure(news_index, audience, publish, settings, db_worker):
    settings.TASKS = {**settings.TASKS, "background": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    settings.MAILERS = DOWN
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        publish(draft_article(news_index, tags=["wonen"]))
        db_worker()
    [retry] = DBTaskResult.objects.filter(status="READY")
    assert retry.run_after == start + datetime.timedelta(minutes=5)
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1

    settings.MAILERS = LOCMEM
    with time_machine.travel(start + datetime.timedelta(minutes=6), tick=False):
        db_worker()

    assert recipients() == ["alles@example.nl", "jeugd@example.nl", "wonen@example.nl"]
    assert Subscriber.objects.count() == 4
