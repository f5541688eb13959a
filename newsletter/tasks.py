"""Background tasks (Django's `django.tasks`, alias "background"): run by `db_worker` in production,
immediately in development and tests."""

import logging

from django.tasks import TaskContext, task

from newsletter import emails, mailings
from newsletter.models import Subscriber

logger = logging.getLogger(__name__)

CONFIRM = "confirm"
UNSUBSCRIBE_LINK = "unsubscribe_link"


@task(backend="background", takes_context=True)
def send_article_mailing(context: TaskContext, mailing_id: int) -> None:
    # A second attempt means the first was interrupted (its worker died; docs/worker.md): every email goes
    # out at most once, so the one it was handing to the mail server is not sent again.
    next_run = mailings.run_mailing(mailing_id, resumed=context.attempt > 1)
    backend = send_article_mailing.get_backend()
    if next_run is not None and backend.supports_defer:
        send_article_mailing.using(run_after=next_run).enqueue(mailing_id)
    # Without deferred tasks (the immediate backend) the periodic `send_newsletter` command retries.


def schedule(mailing_id: int) -> None:
    """Enqueue the mailing's task; never raises (a publish must not fail because the queue is unavailable)."""
    try:
        send_article_mailing.enqueue(mailing_id)
    except Exception:  # noqa: BLE001 - the periodic command picks the mailing up instead
        logger.exception("Could not enqueue newsletter mailing %s; send_newsletter will retry", mailing_id)


@task(backend="background", takes_context=True)
def send_visitor_email(context: TaskContext, subscriber_id: int, kind: str) -> None:
    """A confirmation request or a fresh unsubscribe link, asked for by a visitor."""
    if context.attempt > 1:
        # The first attempt was interrupted and may have sent it: not twice. The visitor may ask again at once.
        Subscriber.objects.filter(pk=subscriber_id).update(last_mail_at=None)
        return
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return
    build = emails.confirmation_message if kind == CONFIRM else emails.unsubscribe_link_message
    try:
        emails.send(build(subscriber))
    except Exception:  # noqa: BLE001 - not sent: let the visitor ask again instead of waiting a day
        logger.exception("Could not send the %s email to subscriber %s", kind, subscriber_id)
        Subscriber.objects.filter(pk=subscriber_id).update(last_mail_at=None)
