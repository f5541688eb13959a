import hashlib

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string

register = template.Library()

CARD_TIMEOUT = 7 * 24 * 3600


def _card_key(article, url, tag_base, heading_level, is_featured) -> str:
    """Everything a card shows, so a changed article, tag name or image crop is a different key."""
    image = article.image
    parts = [
        article.pk,
        article.last_published_at.isoformat() if article.last_published_at else "",
        url,
        tag_base,
        heading_level,
        is_featured,
        [(tag.slug, tag.name) for tag in article.tags.all()],
        [
            image.pk,
            image.file_hash,
            image.focal_point_x,
            image.focal_point_y,
            image.focal_point_width,
            image.focal_point_height,
        ]
        if image
        else None,
    ]
    return "news:card:" + hashlib.sha256(repr(parts).encode()).hexdigest()[:40]


@register.simple_tag(takes_context=True)
def article_card(context, article, heading_level="h2", is_featured=False):
    """A news card (components/article_card.html), rendered once per version of its content."""
    request = context.get("request")
    url = article.get_url(request)
    key = _card_key(article, url, tag_url_base(context), heading_level, is_featured)
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "components/article_card.html",
            {
                "article": article,
                "url": url,
                "heading_level": heading_level,
                "is_featured": is_featured,
                "news_index": context.get("news_index"),
                "request": request,
            },
        )
        cache.set(key, html, CARD_TIMEOUT)
    return html


def tag_url_base(context) -> str:
    """The tag listing URL with a placeholder for the slug, worked out once per request."""
    index = context.get("news_index")
    if index is None:
        return ""
    request = context.get("request")
    memo = getattr(request, "_tag_url_base", None) if request is not None else None
    if memo is None or memo[0] != index.pk:
        memo = (index.pk, index.get_url(request) + index.reverse_subpage("tag_view", args=["--slug--"]))
        if request is not None:
            request._tag_url_base = memo
    return memo[1]
