import logging
from functools import partial

from django.db import IntegrityError, transaction

from news.models import ArticlePage
from newsletter import tasks
from newsletter.models import ArticleMailing

logger = logging.getLogger(__name__)


def article_published(sender, instance, **kwargs):
    """On an article's first publication, record the announcement and enqueue it after the commit.

    Wagtail sends `page_published` also when publication is merely scheduled (the page is not live yet)
    and on every republish. Only a live page whose first and last publication are the same moment is
    published for the first time; the unique ArticleMailing makes a second announcement impossible, also
    after unpublishing and publishing again.
    """
    if not issubclass(sender, ArticlePage) or not instance.live or instance.withdrawn:
        return  # a withdrawal (news/withdrawal.py) announces nothing
    if instance.first_published_at is None or instance.first_published_at != instance.last_published_at:
        return
    try:
        with transaction.atomic():
            mailing, created = ArticleMailing.objects.get_or_create(article_id=instance.pk)
    except IntegrityError:
        return  # a concurrent publish created it
    if created:
        transaction.on_commit(partial(tasks.schedule, mailing.pk))
