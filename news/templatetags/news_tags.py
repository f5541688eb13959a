from django import template

from news.cards import tag_url_base

register = template.Library()


@register.simple_tag(takes_context=True)
def tag_url(context, tag):
    """URL of a tag's listing under the news index that the view put in the context."""
    base = context.get("tag_base") or tag_url_base(context.get("request"), context.get("news_index"))
    return base.replace("--slug--", tag.slug)
