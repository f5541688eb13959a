"""Announcing an article: choose the recipients once, then send each email at most once, with retries.

Flow: the first publication creates an `ArticleMailing` (signals.py) and enqueues a task after commit.
The task calls `run_mailing`: it checks the article is still visible and recent, creates one `Delivery`
per matching confirmed subscriber (unique per article and subscriber), and sends the due ones. A failed
send is retried later (RETRY_DELAYS): by the task re-enqueueing itself with `run_after` where the task
backend supports it (django_tasks_db in production), and by the periodic `send_newsletter` command.
A delivery is claimed (pending → sending) by a conditional UPDATE before it is sent, so two workers never
send the same one; one that stays claimed (a worker died mid-send) is marked failed, not sent again: at most
one email per recipient. Whether the mail server had accepted it cannot be known (docs/worker.md). When the
task worker resumes an interrupted run, that run releases the claims at once; otherwise `send_newsletter`
does after STALE_CLAIM.
"""

import datetime
import logging
import smtplib

from django.core.mail import mailers
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from news.models import ArticlePage
from newsletter import conf, emails
from newsletter.models import ArticleMailing, Delivery, Subscriber

logger = logging.getLogger(__name__)

STALE_CLAIM = datetime.timedelta(hours=1)


def _skip(mailing: ArticleMailing, note: str) -> None:
    Delivery.objects.filter(
        article_id=mailing.article_id, status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]
    ).update(status=Delivery.Status.CANCELLED)
    mailing.status, mailing.note, mailing.finished_at = ArticleMailing.Status.SKIPPED, note, timezone.now()
    mailing.save(update_fields=["status", "note", "finished_at"])


def _prepare(mailing: ArticleMailing, article: ArticlePage) -> None:
    """Create the deliveries for the subscribers interested in this article, once."""
    with transaction.atomic():
        mailing = ArticleMailing.objects.select_for_update().get(pk=mailing.pk)
        if mailing.prepared_at is not None:
            return
        tag_ids = [tag.pk for tag in article.tags.all()]
        now = timezone.now()
        recipients = Subscriber.objects.interested_in(tag_ids).values_list("pk", flat=True)
        Delivery.objects.bulk_create(
            (
                Delivery(article_id=article.pk, subscriber_id=pk, next_attempt_at=now)
                for pk in recipients.iterator()
            ),
            batch_size=500,
            ignore_conflicts=True,
        )
        mailing.prepared_at, mailing.status = now, ArticleMailing.Status.SENDING
        mailing.save(update_fields=["prepared_at", "status"])


def _retry_delay(attempts: int) -> datetime.timedelta | None:
    delays = conf.get("RETRY_DELAYS")
    return datetime.timedelta(seconds=delays[attempts - 1]) if attempts <= len(delays) else None


def _record_failure(delivery: Delivery, error: Exception, *, permanent: bool = False, expected: str) -> None:
    """Count a failed attempt; retry later or give up. Only if the row is still in the `expected` state."""
    attempts = delivery.attempts + 1
    delay = None if permanent else _retry_delay(attempts)
    changes = {"attempts": attempts, "last_error": f"{type(error).__name__}: {error}"[:300]}
    if delay is None:
        changes["status"] = Delivery.Status.FAILED
    else:
        changes["status"] = Delivery.Status.PENDING
        changes["next_attempt_at"] = timezone.now() + delay
    Delivery.objects.filter(pk=delivery.pk, status=expected).update(**changes)


def _send_due(article: ArticlePage, limit: int) -> tuple[int, bool]:
    """Send up to `limit` due deliveries. Returns (handled, mail server reachable)."""
    now = timezone.now()
    due = list(
        Delivery.objects.filter(
            article_id=article.pk, status=Delivery.Status.PENDING, next_attempt_at__lte=now
        )
        .select_related("subscriber")
        .prefetch_related("subscriber__topics")
        .order_by("pk")[:limit]
    )
    if not due:
        return 0, True
    url = article.external_url or emails.absolute_url(article.get_url())  # published elsewhere: there
    name = emails.site_name()
    connection = mailers.default
    for position, delivery in enumerate(due):
        claimed = Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.SENDING, claimed_at=timezone.now()
        )
        if not claimed:
            continue
        try:
            message = emails.notification_message(delivery.subscriber, article, url, name)
            emails.send(message, connection)
        except smtplib.SMTPRecipientsRefused as error:
            # This address is refused; the others may work.
            _record_failure(delivery, error, permanent=True, expected=Delivery.Status.SENDING)
        except Exception as error:  # noqa: BLE001 - the mail server is down or refuses: retry later
            logger.warning("Newsletter send failed for delivery %s: %s", delivery.pk, error)
            _record_failure(delivery, error, expected=Delivery.Status.SENDING)
            # The server is down: the rest of the batch shares this attempt and waits for the same retry,
            # rather than hammering the server (and every address has the same number of chances).
            for other in due[position + 1 :]:
                _record_failure(other, error, expected=Delivery.Status.PENDING)
            return position + 1, False
        else:
            Delivery.objects.filter(pk=delivery.pk).update(
                status=Delivery.Status.SENT, sent_at=timezone.now()
            )
    return len(due), True


def _finish_if_done(mailing: ArticleMailing) -> datetime.datetime | None:
    """Mark the mailing done when nothing is left; otherwise return when the next retry is due."""
    open_deliveries = Delivery.objects.filter(
        article_id=mailing.article_id, status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]
    )
    next_due = open_deliveries.filter(status=Delivery.Status.PENDING).order_by("next_attempt_at").first()
    if next_due is not None:
        return next_due.next_attempt_at
    if not open_deliveries.exists():
        mailing.status, mailing.finished_at = ArticleMailing.Status.DONE, timezone.now()
        mailing.save(update_fields=["status", "finished_at"])
    return None


def run_mailing(mailing_id: int, *, resumed: bool = False) -> datetime.datetime | None:
    """Do what is due for one mailing. Returns when it should run again (None: nothing left to retry).

    `resumed`: an earlier run of this mailing was interrupted; the delivery it was sending is given up.
    """
    mailing = ArticleMailing.objects.filter(pk=mailing_id).first()
    if mailing is None or mailing.status in (ArticleMailing.Status.DONE, ArticleMailing.Status.SKIPPED):
        return None
    if resumed:
        _give_up_claims(Delivery.objects.filter(article_id=mailing.article_id))
    article = ArticlePage.objects.visible().filter(pk=mailing.article_id).prefetch_related("tags").first()
    if article is None:
        _skip(mailing, _("Het artikel is niet (meer) gepubliceerd of openbaar."))
        return None
    if mailing.prepared_at is None:
        oldest = timezone.localdate() - datetime.timedelta(days=conf.get("MAX_ARTICLE_AGE_DAYS"))
        if article.date < oldest:
            _skip(mailing, _("De publicatiedatum van het artikel is te oud voor een nieuwsbericht."))
            return None
        _prepare(mailing, article)
    batch = conf.get("BATCH_SIZE")
    while True:
        handled, reachable = _send_due(article, batch)
        if handled < batch or not reachable:
            break
    return _finish_if_done(mailing)


def _give_up_claims(deliveries) -> int:
    """Claimed deliveries whose sender died: failed, rather than risk sending a second email."""
    return deliveries.filter(status=Delivery.Status.SENDING).update(
        status=Delivery.Status.FAILED,
        last_error=_("Onderbroken tijdens het verzenden; mogelijk toch afgeleverd, niet opnieuw verstuurd."),
    )


def release_stale_claims() -> int:
    """Deliveries claimed over an hour ago by a worker that died."""
    return _give_up_claims(Delivery.objects.filter(claimed_at__lt=timezone.now() - STALE_CLAIM))


def run_due_mailings() -> int:
    """What the periodic command does: every mailing that is unprepared or has a due delivery."""
    release_stale_claims()
    now = timezone.now()
    due_articles = Delivery.objects.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now).values(
        "article_id"
    )
    open_articles = Delivery.objects.filter(
        status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]
    ).values("article_id")
    mailings = ArticleMailing.objects.filter(
        status__in=[ArticleMailing.Status.WAITING, ArticleMailing.Status.SENDING]
    ).filter(
        Q(prepared_at__isnull=True)
        | Q(article_id__in=due_articles)
        # Sending, but nothing left open (its last claims were given up above): finish it.
        | (Q(status=ArticleMailing.Status.SENDING) & ~Q(article_id__in=open_articles))
    )
    count = 0
    for mailing_id in mailings.values_list("pk", flat=True):
        run_mailing(mailing_id)
        count += 1
    return count
