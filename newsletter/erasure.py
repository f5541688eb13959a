"""Erasure: when a subscriber's row is deleted, no copy of the address stays behind in Wagtail's audit log.

Wagtail's log entries (`ModelLogEntry`, shown under *Sitegeschiedenis*, never purged) keep `str(instance)` as
their label; `Subscriber.__str__` is therefore "Abonnee #<pk>". Entries written before that, or brought back
by restoring an older back-up, are redacted here: each time a subscriber is deleted, whichever way
(post_delete: the admin, both unsubscribe links, `purge_newsletter`), and all at once by `purge_newsletter`
and migration 0002. An entry keeps what happened, by whom and when; label and data lose the address.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry

from newsletter.models import Subscriber, subscriber_label


def subscriber_log_entries():
    return ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Subscriber))


def leaked(entries) -> list[tuple[int, str]]:
    """(pk, object_id) of the entries among these that carry more than the neutral label."""
    rows = entries.values_list("pk", "object_id", "label", "data").iterator()
    return [
        (pk, object_id) for pk, object_id, label, data in rows if label != subscriber_label(object_id) or data
    ]


def redact(entries) -> int:
    """Give these subscriber log entries the neutral label and no data; returns how many changed."""
    return sum(
        ModelLogEntry.objects.filter(pk=pk).update(label=subscriber_label(object_id), data={})
        for pk, object_id in leaked(entries)
    )


def redact_all() -> int:
    return redact(subscriber_log_entries())


def subscriber_deleted(sender, instance, **kwargs):
    redact(subscriber_log_entries().filter(object_id=str(instance.pk)))
