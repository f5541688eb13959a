from django import template
from wagtail.models import Site

from sitewide.navigation import menu_items

register = template.Library()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """Menu items with aria-current: "page" for the current page, "true" for its section."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = context.get("page")
    items = []
    for item in menu_items(site, request) if site else []:
        state = ""
        if current is not None and current.path == item["path"]:
            state = "page"
        elif current is not None and current.path.startswith(item["path"]):
            state = "true"
        items.append({**item, "current": state})
    return {"items": items, "request": request, "show_home": site is not None}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page, extra_label=None):
    """Ancestors from the home page down, walked through cached parents when the router set them."""
    ancestors = []
    parent = page.get_parent()
    while parent is not None and parent.depth >= 2:
        ancestors.insert(0, parent)
        parent = parent.get_parent() if parent.depth > 2 else None
    return {
        "ancestors": ancestors,
        "page": page,
        "extra_label": extra_label,
        "request": context.get("request"),
    }


@register.simple_tag(takes_context=True)
def tag_url(context, tag):
    """URL of a tag's listing under the news index that the view put in the context."""
    index = context.get("news_index")
    if index is None:
        return ""
    return index.get_url(context.get("request")) + index.reverse_subpage("tag_view", args=[tag.slug])
