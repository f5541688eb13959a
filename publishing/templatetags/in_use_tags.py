from django import template

from publishing.in_use import pages_linking_to

register = template.Library()


@register.simple_tag
def published_pages_linking_to(page):
    """For the unpublish confirmation: the published pages that would lose their link to `page`."""
    return pages_linking_to(page)
