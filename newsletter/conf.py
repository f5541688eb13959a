"""Newsletter tunables; each can be overridden in settings as NEWSLETTER_<NAME>."""

from django.conf import settings

DEFAULTS = {
    # A confirmation link is valid this long; unconfirmed signups are purged after the same period.
    "CONFIRM_DAYS": 7,
    # Unsubscribe links in emails stay valid this long (afterwards the page offers a fresh link).
    "UNSUBSCRIBE_DAYS": 365,
    # A visitor-triggered email (confirmation, new unsubscribe link) goes to an address at most this often.
    "MAIL_INTERVAL_HOURS": 24,
    # Signup form: minimum seconds between rendering and submitting, and the oldest form accepted.
    "MIN_FILL_SECONDS": 3,
    "FORM_MAX_AGE_DAYS": 7,
    # Rate limit per client address: at most RATE_LIMIT requests per RATE_WINDOW seconds.
    "RATE_LIMIT": 10,
    "RATE_WINDOW": 15 * 60,
    # Only articles dated at most this many days ago are announced (an archive import mails nobody).
    "MAX_ARTICLE_AGE_DAYS": 7,
    # Retry delays (seconds) after a failed send; after the last one the delivery is marked failed.
    "RETRY_DELAYS": [5 * 60, 15 * 60, 60 * 60, 3 * 60 * 60, 6 * 60 * 60, 12 * 60 * 60],
    "BATCH_SIZE": 200,
    # Proof of withdrawal and delivery records are kept this long (AVG: no longer than needed).
    "WITHDRAWAL_RETENTION_DAYS": 730,
    "DELIVERY_RETENTION_DAYS": 90,
}


def get(name: str):
    return getattr(settings, f"NEWSLETTER_{name}", DEFAULTS[name])
