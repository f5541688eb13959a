"""News cards (components/article_card.html), rendered in bulk and kept per version of their content.

A listing fetches its articles in one query; the cards already in the cache need nothing more. Only for
the cards that are not, tags and image renditions are fetched (two queries for all of them together).
A card's key holds everything it shows and the content version (sitewide/versions.py), so an edited
article, a renamed tag or a re-cropped image is a new key rather than a stale card, in every process.
"""

import hashlib

from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string

from sitewide import versions

CARD_TIMEOUT = 24 * 3600


def index_url(request, news_index) -> str:
    """The news index's URL, worked out once per request."""
    memo = getattr(request, "_news_index_url", None) if request is not None else None
    if memo is None or memo[0] != news_index.pk:
        memo = (news_index.pk, news_index.get_url(request))
        if request is not None:
            request._news_index_url = memo
    return memo[1]


def tag_url_base(request, news_index) -> str:
    """The tag listing URL with `--slug--` for the slug."""
    if news_index is None:
        return ""
    return index_url(request, news_index) + news_index.reverse_subpage("tag_view", args=["--slug--"])


def article_url(article, request, news_index) -> str:
    """The article's URL: below the news index it is the index's URL plus the rest of its path, which
    saves Wagtail's per-page URL reversal on every card. An item published elsewhere: its address there."""
    if article.external_url:
        return article.external_url
    if news_index is not None and article.url_path.startswith(news_index.url_path):
        base = index_url(request, news_index)
        if base:
            return base + article.url_path[len(news_index.url_path) :]
    return article.get_url(request)


def _key(article, url, extra) -> str:
    image = article.image
    parts = [
        article.pk,
        article.title,
        article.date,
        article.intro,
        article.last_published_at,
        url,
        article.source_name,
        article.kind_label,
        extra,
        (
            image.pk,
            image.file_hash,
            image.focal_point_x,
            image.focal_point_y,
            image.focal_point_width,
            image.focal_point_height,
        )
        if image
        else None,
    ]
    return "news:card:" + hashlib.sha256(repr(parts).encode()).hexdigest()[:40]


def remember_renditions(image) -> None:
    """Put the image's prefetched renditions in Wagtail's rendition cache, as its get_rendition() does with
    what it reads from the database (its get_renditions() leaves prefetched ones out; contract tested)."""
    Rendition = image.get_rendition_model()
    Rendition.cache_backend.set_many(
        {
            Rendition.construct_cache_key(image, r.focal_point_key, r.filter_spec): r
            for r in image.renditions.all()
        }
    )


def attach_cards(articles, request, news_index, heading_level="h2", featured_pk=None, along=None) -> list:
    """The articles, each with `card_html`. The tags and image renditions of `along` (the page showing the
    cards) are fetched with the cards' when those are fetched anyway, else its tags alone."""
    articles = list(articles)
    if not articles:
        if along is not None:
            prefetch_related_objects([along], "tags")
        return articles
    tag_base = tag_url_base(request, news_index)
    generation = versions.current()
    urls = {a.pk: article_url(a, request, news_index) for a in articles}
    keys = {
        a.pk: _key(a, urls[a.pk], (tag_base, heading_level, a.pk == featured_pk, generation))
        for a in articles
    }
    found = cache.get_many(list(keys.values()))
    missing = [a for a in articles if keys[a.pk] not in found]
    if missing:
        prefetch_related_objects(
            [*missing, *([along] if along is not None else [])], "tags", "image__renditions"
        )
        if along is not None and along.image is not None:
            remember_renditions(along.image)
        rendered = {}
        for article in missing:
            rendered[keys[article.pk]] = render_to_string(
                "components/article_card.html",
                {
                    "article": article,
                    "url": urls[article.pk],
                    "heading_level": heading_level,
                    "is_featured": article.pk == featured_pk,
                    "tag_base": tag_base,
                    "request": request,
                },
            )
        cache.set_many(rendered, CARD_TIMEOUT)
        found = {**found, **rendered}  # a new dict: what the cache returned is not ours to fill in
    elif along is not None:
        prefetch_related_objects([along], "tags")
    for article in articles:
        article.card_html = found[keys[article.pk]]
    return articles
