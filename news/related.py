"""The "Gerelateerd nieuws" block: the editor's choices in their order, filled up to three with the
visible articles sharing the most tags (newest first on ties).

Working out the fill-up is the most expensive query of an article page, and its answer changes only when
some article's visibility, tags or choices change. So the chosen ids are kept in the cache, stamped with a
generation that every such change moves on (signals below); the articles themselves are always fetched
fresh, through the listing query, so nothing invisible can ever be shown.
"""

import time

from django.core.cache import cache
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

RELATED_LIMIT = 3
GENERATION = "news:related:generation"
IDS = "news:related:ids:{}"


def compute_ids(article, tag_ids, manual_ids) -> list[int]:
    from news.models import ArticlePage, ArticlePageTag

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


def related_articles(article, tags, use_cache: bool) -> list:
    """The related articles of `article`; `use_cache` only for its saved, published state (not a preview)."""
    from news.models import ArticlePage

    ids = None
    if use_cache:
        found = cache.get_many([GENERATION, IDS.format(article.pk)])
        generation, stored = found.get(GENERATION), found.get(IDS.format(article.pk))
        if stored and generation is not None and stored[0] == generation:
            ids = stored[1]
    if ids is None:
        tag_ids = [tag.pk for tag in tags]
        manual_ids = [link.related_page_id for link in article.related_links.all() if link.related_page_id]
        manual_ids = list(dict.fromkeys(pk for pk in manual_ids if pk != article.pk))
        ids = compute_ids(article, tag_ids, manual_ids) if manual_ids or tag_ids else []
        if use_cache:
            generation = cache.get(GENERATION)
            if generation is None:
                generation = time.time()
                cache.add(GENERATION, generation, None)
            cache.set(IDS.format(article.pk), (generation, ids), 24 * 3600)
    if not ids:
        return []
    found = {a.pk: a for a in ArticlePage.objects.listing().filter(pk__in=ids).order_by()}
    return [found[pk] for pk in ids if pk in found]


def articles_changed(**kwargs) -> None:
    """Any article's visibility, tags or related choices changed: every block is worked out again."""
    cache.set(GENERATION, time.time(), None)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from taggit.models import Tag
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from news.models import ArticlePage

    for signal in (page_published, page_unpublished, post_page_move, post_delete):
        signal.connect(articles_changed, sender=ArticlePage, dispatch_uid=f"news-related-{id(signal)}")
    for model in (PageViewRestriction, Tag):
        for signal in (post_save, post_delete):
            signal.connect(
                articles_changed, sender=model, dispatch_uid=f"news-related-{model.__name__}-{id(signal)}"
            )
