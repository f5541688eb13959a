"""The "Gerelateerd nieuws" block: the editor's choices in their order, filled up to three with the
visible articles sharing the most tags (newest first on ties).

Working out the fill-up and rendering its cards is the most expensive part of an article page, and the
answer changes only when content changes, which moves the content version on (sitewide/versions.py), or
when a related article's expiry time passes. So a published article's tags and related cards are cached
under the version, per site, until the first such expiry.
"""

import time

from django.core.cache import cache
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.safestring import mark_safe
from taggit.models import Tag
from wagtail.models import Site

from news import counts
from news.cards import attach_cards
from sitewide import versions

RELATED_LIMIT = 3
BLOCK = "news:related:block:{site}:{article}"


def _models(article):
    """The article's tag model and the page model it tags (without importing news/models.py, which imports this module)."""
    tagging = type(article).tags.through
    return tagging, tagging._meta.get_field("content_object").related_model


def compute_ids(article, tag_ids, manual_ids) -> list[int]:
    ArticlePageTag, ArticlePage = _models(article)
    shared_tags = (
        ArticlePageTag.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
        .values("content_object")
        .annotate(n=Count("pk"))
        .values("n")
    )
    sharing = ArticlePageTag.objects.filter(tag_id__in=tag_ids).values("content_object_id")
    candidates = (
        ArticlePage.objects.visible()
        .exclude(pk=article.pk)
        .filter(Q(pk__in=manual_ids) | Q(pk__in=sharing))
        .annotate(shared=Coalesce(Subquery(shared_tags), 0))
    )
    order = ["-shared", "-date", "-pk"]
    if manual_ids:  # (a constant CASE would reach PostgreSQL as "ORDER BY 4", a column position)
        position = Case(
            *(When(pk=pk, then=Value(i)) for i, pk in enumerate(manual_ids)),
            default=Value(RELATED_LIMIT + 1),
            output_field=IntegerField(),
        )
        candidates, order = candidates.annotate(position=position), ["position", *order]
    return list(candidates.order_by(*order).values_list("pk", flat=True)[:RELATED_LIMIT])


def related_articles(article, tags) -> list:
    """The related articles of `article` (saved or not, as in a preview) with `tags`."""
    tag_ids = [tag.pk for tag in tags]
    manual_ids = [link.related_page_id for link in article.related_links.all() if link.related_page_id]
    manual_ids = list(dict.fromkeys(pk for pk in manual_ids if pk != article.pk))
    ids = compute_ids(article, tag_ids, manual_ids) if manual_ids or tag_ids else []
    if not ids:
        return []
    found = {a.pk: a for a in _models(article)[1].objects.listing().filter(pk__in=ids).order_by()}
    return [found[pk] for pk in ids if pk in found]


class Card:
    def __init__(self, card_html):
        self.card_html = card_html


def published_block(article, request, news_index) -> tuple[list, list]:
    """The published `article`'s tags and related articles (objects with `card_html`)."""
    site = Site.find_for_request(request)
    key = versions.key(BLOCK.format(site=site.pk if site else 0, article=article.pk))
    now = time.time()
    found = cache.get(key) if versions.current() else None
    if found is not None and (found["expiry"] is None or found["expiry"] > now):  # shape fixed by FORMAT
        tags = [Tag(pk=pk, name=name, slug=slug) for pk, name, slug in found["tags"]]
        return tags, [Card(mark_safe(html)) for html in found["cards"]]  # noqa: S308 - our own render
    tags = list(article.tags.all())
    related = attach_cards(related_articles(article, tags), request, news_index, heading_level="h3")
    expiry = min((a.expire_at.timestamp() for a in related if a.expire_at), default=None)
    if versions.current():
        entry = {
            "tags": [(tag.pk, tag.name, tag.slug) for tag in tags],
            "cards": [str(a.card_html) for a in related],  # plain strings: safe to unpickle after a deploy
            "expiry": expiry,
        }
        cache.set(key, entry, counts.until(expiry, now))
    return tags, related
