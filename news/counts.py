"""The listings' version, and how many articles a listing has (for its page numbers), cached under it.

Counting the articles with a common tag visits each of them: about 3 ms for 1,100 articles on SQLite. The
answer changes only when an article is saved or deleted, a page is published, unpublished or moved, a
page's privacy changes, or an article's expiry time passes. Each such change, and each change to a tag,
an image or a site (which cards show), writes a new random token to one database row in the change's own
transaction (signals below). Counts and related blocks (news/related.py) are cached under the token, each
until the earliest expiry time among its articles. The token is read once per request
when routing (news/routing.py), so a cached count costs one cache read and no query.
"""

import time
import uuid

from django.core.cache import cache
from django.db import models
from django.db.models import Count, Min

KEY = "news:count:{token}:{index}:{tag}"
TIMEOUT = 24 * 3600
SINGLETON = 1
LAZY_IMAGE_FIELDS = {"file_hash", "file_size"}


def new_token() -> str:
    return uuid.uuid4().hex


class ListingVersion(models.Model):
    """One row: its token changes whenever the set of visible articles may have changed."""

    token = models.CharField(max_length=32, default=new_token)

    class Meta:
        verbose_name = "listing version"

    def __str__(self):
        return self.token


def current_token(index) -> str | None:
    if hasattr(index, "listing_token"):
        return index.listing_token
    return ListingVersion.objects.filter(pk=SINGLETON).values_list("token", flat=True).first()


def count(index, pages, tag=None) -> int:
    """The number of `pages` (the visible articles of `index`, with `tag`), from the cache when possible."""
    token = current_token(index)
    key = KEY.format(token=token, index=index.pk, tag=tag.pk if tag else 0)
    now = time.time()
    if token:
        found = cache.get(key)
        if found is not None and (found[1] is None or found[1] > now):
            return found[0]
    result = pages.aggregate(n=Count("pk"), next_expiry=Min("expire_at"))
    next_expiry = result["next_expiry"].timestamp() if result["next_expiry"] else None
    if token:
        timeout = TIMEOUT if next_expiry is None else max(1, min(TIMEOUT, int(next_expiry - now) + 1))
        cache.set(key, (result["n"], next_expiry), timeout)
    return result["n"]


def listings_changed(**kwargs) -> None:
    """Every cached count is out of date from this transaction's commit on."""
    if not ListingVersion.objects.filter(pk=SINGLETON).update(token=new_token()):
        ListingVersion.objects.get_or_create(pk=SINGLETON)


def image_changed(sender, update_fields=None, **kwargs) -> None:
    if update_fields and set(update_fields) <= LAZY_IMAGE_FIELDS:
        return  # Wagtail fills these in the first time an image is shown; nothing visible changed
    listings_changed()


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from taggit.models import Tag
    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from news.models import ArticlePage

    # post_save covers articles created or changed in code; publishing also sends page_published after
    # the tags are saved, which is when a count may include them.
    for signal in (post_save, post_delete):
        signal.connect(listings_changed, sender=ArticlePage, dispatch_uid=f"news-counts-{id(signal)}")
    # Any page: a news index or home page published or moved changes the addresses cards link to.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(listings_changed, dispatch_uid=f"news-counts-{id(signal)}")
    for signal in (post_save, post_delete):
        signal.connect(
            image_changed, sender=get_image_model(), dispatch_uid=f"news-counts-image-{id(signal)}"
        )
    for model in (PageViewRestriction, Tag, Site):
        for signal in (post_save, post_delete):
            signal.connect(
                listings_changed, sender=model, dispatch_uid=f"news-counts-{model.__name__}-{id(signal)}"
            )
