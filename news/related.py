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
    """The article's tag model, its link model and the page model they point to (passed in through the
    article: news/models.py imports this module)."""
    tagging = type(article).tags.through
    links = type(article)._meta.get_field("related_links").related_model
    return tagging, links, tagging._meta.get_field("content_object").related_model


def _candidates(article, tag_ids, manual_ids, position, then=None):
    """The visible articles other than `article` that the editor chose (`manual_ids`) or that share a tag
    (`tag_ids`): the chosen ones first (by `position`, `then`), then by shared tags. One query."""
    ArticlePageTag, _, ArticlePage = _models(article)
    shared_tags = (
        ArticlePageTag.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
        .values("content_object")
        .annotate(n=Count("pk"))
        .values("n")
    )
    sharing = ArticlePageTag.objects.filter(tag_id__in=tag_ids).values("content_object_id")
    candidates = (
        ArticlePage.objects.visible()
        .card_fields()
        .exclude(pk=article.pk)
        .filter(Q(pk__in=manual_ids) | Q(pk__in=sharing))
        .annotate(shared=Coalesce(Subquery(shared_tags), 0))
    )
    # No constant in ORDER BY (PostgreSQL would read "ORDER BY 4" as a column position): none without choices.
    order = []
    for name, value in (("position", position), ("then", then)):
        if value is not None:
            candidates, order = candidates.annotate(**{name: value}), [*order, name]
    return list(candidates.order_by(*order, "-shared", "-date", "-pk")[:RELATED_LIMIT])


def related_articles(article, tags) -> list:
    """The related articles of `article` (saved or not, as in a preview) with `tags`."""
    tag_ids = [tag.pk for tag in tags]
    manual_ids = [link.related_page_id for link in article.related_links.all() if link.related_page_id]
    manual_ids = list(dict.fromkeys(pk for pk in manual_ids if pk != article.pk))
    if not manual_ids and not tag_ids:
        return []
    position = Case(
        *(When(pk=pk, then=Value(i)) for i, pk in enumerate(manual_ids)),
        default=Value(RELATED_LIMIT + 1),
        output_field=IntegerField(),
    )
    return _candidates(article, tag_ids, manual_ids, position if manual_ids else None)


def published_related(article) -> list:
    """`related_articles` of a published article as saved: its tags and choices read inside the one query."""
    ArticlePageTag, Link, _ = _models(article)
    links = Link.objects.filter(page_id=article.pk)
    tag_ids = ArticlePageTag.objects.filter(content_object_id=article.pk).values("tag_id")
    # The editor's order: the first link to each article, by sort order, then as saved (pk).
    first = links.filter(related_page_id=OuterRef("pk")).annotate(at=Coalesce("sort_order", Value(-1)))
    first = first.order_by("at", "pk")[:1]
    position = (Coalesce(Subquery(first.values("at")), Value(2**31 - 1)), Subquery(first.values("pk")))
    return _candidates(article, tag_ids, links.values("related_page_id"), *position)


class Card:
    def __init__(self, card_html):
        self.card_html = card_html


def tag_order(tag):
    """Tags are shown alphabetically: the database returns them in no fixed order."""
    return (tag.name.lower(), tag.pk)


def published_block(article, request, news_index) -> tuple[list, list]:
    """The published `article`'s tags and related articles (objects with `card_html`)."""
    site = Site.find_for_request(request)
    key = versions.key(BLOCK.format(site=site.pk if site else 0, article=article.pk))
    now = time.time()
    found = cache.get(key) if versions.current() else None
    if found is not None and (found["expiry"] is None or found["expiry"] > now):  # shape fixed by FORMAT
        tags = [Tag(pk=pk, name=name, slug=slug) for pk, name, slug in found["tags"]]
        return tags, [Card(mark_safe(html)) for html in found["cards"]]  # noqa: S308 - our own render
    # The article's tags and image renditions come with its cards' (one query each, as for one card).
    related = attach_cards(published_related(article), request, news_index, heading_level="h3", along=article)
    tags = sorted(article.tags.all(), key=tag_order)
    expiry = min((a.expire_at.timestamp() for a in related if a.expire_at), default=None)
    if versions.current():
        entry = {
            "tags": [(tag.pk, tag.name, tag.slug) for tag in tags],
            "cards": [str(a.card_html) for a in related],  # plain strings: safe to unpickle after a deploy
            "expiry": expiry,
        }
        cache.set(key, entry, counts.until(expiry, now))
    return tags, related
