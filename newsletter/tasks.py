"""Background tasks (Django's `django.tasks`, alias "background"): run by `db_worker` in production,
immediately in development and tests."""

import logging

from django.tasks import task

from newsletter import emails, mailings
from newsletter.models import Subscriber

logger = logging.getLogger(__name__)

CONFIRM = "confirm"
UNSUBSCRIBE_LINK = "unsubscribe_link"


@task(backend="background")
def send_article_mailing(mailing_id: int) -> None:
    next_run = mailings.run_mailing(mailing_id)
    backend = send_article_mailing.get_backend()
    if next_run is not None and backend.supports_defer:
        send_article_mailing.using(run_after=next_run).enqueue(mailing_id)
    # Without deferred tasks (the immediate backend) the periodic `send_newsletter` command retries.


@task(backend="background")
def send_visitor_email(subscriber_id: int, kind: str) -> None:
    """A confirmation request or a fresh unsubscribe link, asked for by a visitor."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return
    build = emails.confirmation_message if kind == CONFIRM else emails.unsubscribe_link_message
    try:
        emails.send(build(subscriber))
    except Exception:  # noqa: BLE001 - not sent: let the visitor ask again instead of waiting a day
        logger.exception("Could not send the %s email to subscriber %s", kind, subscriber_id)
        Subscriber.objects.filter(pk=subscriber_id).update(last_mail_at=None)
